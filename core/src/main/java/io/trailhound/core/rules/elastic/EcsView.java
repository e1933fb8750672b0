package io.trailhound.core.rules.elastic;

import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.rules.ir.Accessor;
import io.trailhound.core.rules.ir.Accessors;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The ECS view of a CloudTrail event as one whole document, for outputs ({@code --format ecs}):
 * exactly the accessors the Elastic rules compile against ({@link EcsFields}), every one read in
 * turn, plus the {@code aws.cloudtrail.flattened.*} objects the rules query key by key. One code
 * path: a field the rules see is the field the document holds.
 *
 * <p>Values are what the accessors give (a String, or a List of String for a multi-valued field;
 * numbers and booleans as their text, which Elasticsearch coerces); the flattened objects are the
 * pipeline's Java values (Map, List, String, Number, Boolean). A name below another field's value
 * ({@code source.geo.location.lat} under the geo point {@code source.geo.location}) is a query-side
 * alias and is left out, as a document cannot hold both.
 */
public final class EcsView {
    private static final String FLATTENED = "aws.cloudtrail.flattened.";

    private final String[] names;
    private final Accessor[] fields;
    /** For the flattened objects: the CloudTrail member each is read from; null for accessor fields. */
    private final String[] flattenedSource;

    private EcsView(List<String> names, List<Accessor> fields, List<String> flattenedSource) {
        this.names = names.toArray(new String[0]);
        this.fields = fields.toArray(new Accessor[0]);
        this.flattenedSource = flattenedSource.toArray(new String[0]);
    }

    /** The view with {@code source.geo.*} / {@code source.as.*} from {@code geo} ({@link GeoIp#NONE}: absent). */
    public static EcsView of(GeoIp geo) {
        List<String> names = new ArrayList<>();
        List<Accessor> fields = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        for (String name : EcsFields.producedNames(geo)) {
            if (belowAnother(name, names)) {
                continue;
            }
            names.add(name);
            fields.add(EcsFields.forDisplay(name, geo));
            sources.add(null);
        }
        for (Map.Entry<String, String> f : FLATTENED_ORDER) {
            names.add(FLATTENED + f.getKey());
            fields.add(null);
            sources.add(f.getValue());
        }
        return new EcsView(names, fields, sources);
    }

    private static final List<Map.Entry<String, String>> FLATTENED_ORDER = List.of(
            Map.entry("request_parameters", "requestParameters"),
            Map.entry("response_elements", "responseElements"),
            Map.entry("additional_eventdata", "additionalEventData"),
            Map.entry("service_event_details", "serviceEventDetails"),
            Map.entry("insight_details", "insightDetails"));

    private static boolean belowAnother(String name, List<String> earlier) {
        for (String e : earlier) {
            if (name.startsWith(e) && name.length() > e.length() && name.charAt(e.length()) == '.') {
                return true;
            }
        }
        return false;
    }

    /** The fields' dotted ECS names, in document order; {@link #value} takes an index into this list. */
    public List<String> names() {
        return List.of(names);
    }

    public int size() {
        return names.length;
    }

    /** Field {@code i} of {@code event}: null when absent. */
    public Object value(int i, CloudTrailEvent event) {
        String member = flattenedSource[i];
        if (member == null) {
            return fields[i].extract(event);
        }
        Object root = PipelineValues.toJava(member.equals("additionalEventData")
                ? EcsFields.additionalEventData(event) : event.member(member));
        if (root == null) {
            return null;
        }
        // The pipeline makes the flattened copy only of an object whose text is short enough; the
        // member's text is never longer than the record's, so most records need no measuring.
        byte[] raw = event.rawBytes();
        if ((raw == null || raw.length >= FlattenedField.MAX_SOURCE_CHARS)
                && root.toString().length() >= FlattenedField.MAX_SOURCE_CHARS) {
            return null;
        }
        return root;
    }

    /** The accessor of an accessor field (for tests comparing the document with what rules read). */
    Accessor accessor(int i) {
        return fields[i] != null ? fields[i] : Accessors.absent(names[i]);
    }
}
