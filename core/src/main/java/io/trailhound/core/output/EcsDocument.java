package io.trailhound.core.output;

import com.fasterxml.jackson.core.JsonGenerator;
import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.rules.elastic.EcsView;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One CloudTrail event as an ECS document: the Elastic rules' view ({@link EcsView}) written as
 * nested JSON objects, plus the origin under {@code trailhound.origin} ({@link #ORIGIN_FIELDS}).
 * The nesting is worked out once; per event the fields are read once each and empty objects are
 * left out. Optionally preceded by an Elasticsearch / OpenSearch {@code _bulk} action line.
 */
public final class EcsDocument {
    /**
     * The {@code trailhound.origin.*} namespace (public): {@code type}, {@code arn}, {@code name},
     * {@code provider}, {@code account}, {@code confidence}, {@code reason}, {@code via}.
     */
    public static final List<String> ORIGIN_FIELDS = List.of("type", "arn", "name", "provider", "account", "confidence",
            "reason", "via");

    private final EcsView view;
    private final Node root = new Node(null, -1);
    private final Object[] values;

    public EcsDocument(EcsView view) {
        this.view = view;
        List<String> names = view.names();
        for (int i = 0; i < names.size(); i++) {
            root.add(names.get(i).split("\\."), 0, i);
        }
        root.seal();
        this.values = new Object[names.size()];
    }

    /** Writes {@code event}'s document; {@code origin} null when the run did not attribute. Not thread-safe. */
    public void write(JsonGenerator g, CloudTrailEvent event, EventOrigin origin) throws IOException {
        if (event.rawBytes() != null) {
            event.tree(); // the document reads most members: one whole parse, not one parse per member first
        }
        for (int i = 0; i < values.length; i++) {
            values[i] = view.value(i, event);
        }
        g.writeStartObject();
        for (Node n : root.children) {
            n.write(g, values);
        }
        if (origin != null) {
            g.writeObjectFieldStart("trailhound");
            g.writeObjectFieldStart("origin");
            writeOrigin(g, origin);
            g.writeEndObject();
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    /**
     * A {@code _bulk} action line for the event: {@code create} (which data streams require, and
     * which refuses a second copy, so a re-export adds nothing) in {@code index}, with the
     * eventID as the document id.
     */
    public static void writeBulkAction(JsonGenerator g, String index, String eventID) throws IOException {
        g.writeStartObject();
        g.writeObjectFieldStart("create");
        g.writeStringField("_index", index);
        if (eventID != null) {
            g.writeStringField("_id", eventID);
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    static void writeOrigin(JsonGenerator g, EventOrigin o) throws IOException {
        stringField(g, "type", o.type());
        stringField(g, "arn", o.arn());
        stringField(g, "name", o.name());
        stringField(g, "provider", o.provider());
        stringField(g, "account", o.account());
        stringField(g, "confidence", o.confidence());
        stringField(g, "reason", o.reason());
        if (!o.via().isEmpty()) {
            g.writeArrayFieldStart("via");
            for (String v : o.via()) {
                g.writeString(v);
            }
            g.writeEndArray();
        }
    }

    static void stringField(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }

    /** A view value: a String, a list of them, or a flattened object's Java value (Map, List, Number, Boolean). */
    static void writeValue(JsonGenerator g, Object v) throws IOException {
        if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Map<?, ?> m) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                writeValue(g, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof List<?> l) {
            g.writeStartArray();
            for (Object el : l) {
                writeValue(g, el);
            }
            g.writeEndArray();
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Integer i) {
            g.writeNumber(i);
        } else if (v instanceof Long l) {
            g.writeNumber(l);
        } else if (v instanceof java.math.BigInteger b) {
            g.writeNumber(b);
        } else if (v instanceof Double d) {
            g.writeNumber(d);
        } else if (v == null) {
            g.writeNull();
        } else {
            g.writeString(v.toString());
        }
    }

    /** A level of the document: a field (leaf, {@code index} into the view) or an object of them. */
    private static final class Node {
        final String key;
        final int index;
        final Map<String, Node> byKey = new LinkedHashMap<>();
        Node[] children;
        /** The view indexes of every leaf below, to skip an object none of whose fields is present. */
        int[] leaves;

        Node(String key, int index) {
            this.key = key;
            this.index = index;
        }

        void add(String[] parts, int at, int viewIndex) {
            boolean last = at == parts.length - 1;
            Node child = byKey.get(parts[at]);
            if (child == null) {
                child = new Node(parts[at], last ? viewIndex : -1);
                byKey.put(parts[at], child);
            }
            if (!last) {
                child.add(parts, at + 1, viewIndex);
            }
        }

        int[] seal() {
            children = byKey.values().toArray(new Node[0]);
            List<Integer> all = new ArrayList<>();
            if (index >= 0) {
                all.add(index);
            }
            for (Node c : children) {
                for (int i : c.seal()) {
                    all.add(i);
                }
            }
            leaves = all.stream().mapToInt(Integer::intValue).toArray();
            return leaves;
        }

        void write(JsonGenerator g, Object[] values) throws IOException {
            if (index >= 0) {
                if (values[index] != null) {
                    g.writeFieldName(key);
                    writeValue(g, values[index]);
                }
                return;
            }
            if (!anyPresent(values)) {
                return;
            }
            g.writeObjectFieldStart(key);
            for (Node c : children) {
                c.write(g, values);
            }
            g.writeEndObject();
        }

        private boolean anyPresent(Object[] values) {
            for (int i : leaves) {
                if (values[i] != null) {
                    return true;
                }
            }
            return false;
        }
    }
}
