package io.trailhound.core.rules.sigma;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.rules.ir.Accessor;
import io.trailhound.core.rules.ir.Accessors;
import java.util.ArrayList;
import java.util.List;

/**
 * Sigma field names to accessors, all from the shared kit ({@link Accessors}). Sigma's AWS rules
 * name CloudTrail's own JSON paths ({@code userIdentity.type}, {@code requestParameters.bucketName});
 * fields the decoder already holds use the shared path accessors (so {@code eventName} stays
 * indexable and costs what Falco's {@code ct.name} costs), every other path is read by
 * {@link #pathValues}, whose treatment of objects is Sigma's own (see there).
 */
final class SigmaFieldAccessors {
    private SigmaFieldAccessors() {
    }

    static Accessor of(String field) {
        if (Accessors.held(field)) {
            return Accessors.path(field, Accessors.ObjectValues.ABSENT);
        }
        String[] segments = field.split("\\.", -1);
        return Accessors.parsed(field, e -> pathValues(e, segments));
    }

    /** Whether the decoder already holds the field, so reading it costs no parsing. */
    static boolean isDecoded(String field) {
        return Accessors.held(field);
    }

    /** Every scalar value anywhere in the record: what a field-less keyword search looks through. */
    static Accessor everyValue() {
        return Accessors.parsed("(keywords)", SigmaFieldAccessors::leaves);
    }

    /**
     * A dotted path through the record's tree. Arrays on the way fan out (any element may match);
     * numbers and booleans yield their JSON text, so {@code 'false'} matches JSON {@code false};
     * JSON null is absent. A path that ends at an object (or an array of objects) yields the
     * object's compact JSON text, so {@code requestParameters|contains: 'Suspended'} searches
     * inside it, and also every JSON document held in a string inside the object, as its own text:
     * CloudTrail keeps documents such as {@code policyDocument} as JSON in a string, whose quotes
     * the outer JSON text escapes, and rules written against them
     * ({@code contains: '"s3:GetObject"'}) mean the document's text. Other strings are not added,
     * so an equality test on a whole object still compares its JSON text only.
     */
    private static Object pathValues(CloudTrailEvent event, String[] segments) {
        List<String> out = new ArrayList<>(1);
        // The first step reads one top-level member, which spares parsing the whole record.
        walk(event.member(segments[0]), segments, 1, out);
        return out.isEmpty() ? null : out.size() == 1 ? out.get(0) : out;
    }

    private static void walk(JsonNode node, String[] segments, int i, List<String> out) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return;
        }
        if (node.isArray()) {
            for (JsonNode el : node) {
                walk(el, segments, i, out);
            }
            return;
        }
        if (i < segments.length) {
            walk(node.get(segments[i]), segments, i + 1, out);
        } else if (node.isValueNode()) {
            out.add(node.asText());
        } else {
            out.add(node.toString());
            embeddedDocuments(node, out);
        }
    }

    private static void embeddedDocuments(JsonNode node, List<String> out) {
        if (node.isTextual()) {
            String t = node.textValue().stripLeading();
            if (t.startsWith("{") || t.startsWith("[")) {
                out.add(node.textValue());
            }
        } else if (node.isContainerNode()) {
            for (JsonNode child : node) {
                embeddedDocuments(child, out);
            }
        }
    }

    /** All scalar leaves of the record, for keyword searches. */
    private static Object leaves(CloudTrailEvent event) {
        List<String> out = new ArrayList<>();
        leaves(event.tree(), out);
        return out.isEmpty() ? null : out;
    }

    private static void leaves(JsonNode node, List<String> out) {
        if (node.isContainerNode()) {
            for (JsonNode child : node) {
                leaves(child, out);
            }
        } else if (!node.isNull() && !node.isMissingNode()) {
            out.add(node.asText());
        }
    }
}
