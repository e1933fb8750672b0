package io.trailhound.core.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A precompiled path into a record, {@code requestParameters.roleArn} or
 * {@code resources[0].ARN}: compiled once (per rule, per query) so no string is split per event.
 * Segments are field names, or array indexes written {@code [n]}.
 */
public final class FieldPath {
    private final String text;
    private final Object[] segments; // String (field) or Integer (array index)

    private FieldPath(String text, Object[] segments) {
        this.text = text;
        this.segments = segments;
    }

    /** Compiles a dotted path; throws IllegalArgumentException naming the position of a syntax error. */
    public static FieldPath compile(String path) {
        if (path == null || path.isEmpty()) {
            throw new IllegalArgumentException("empty field path");
        }
        List<Object> out = new ArrayList<>();
        StringBuilder name = new StringBuilder();
        int i = 0;
        while (i < path.length()) {
            char c = path.charAt(i);
            if (c == '.') {
                if (name.length() == 0 && (out.isEmpty() || !(out.get(out.size() - 1) instanceof Integer))) {
                    throw new IllegalArgumentException("empty segment in field path '" + path + "' at " + i);
                }
                flush(name, out);
                i++;
            } else if (c == '[') {
                flush(name, out);
                int close = path.indexOf(']', i);
                if (close < 0) {
                    throw new IllegalArgumentException("unclosed '[' in field path '" + path + "' at " + i);
                }
                try {
                    out.add(Integer.parseInt(path.substring(i + 1, close)));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("bad array index in field path '" + path + "' at " + i);
                }
                i = close + 1;
            } else {
                name.append(c);
                i++;
            }
        }
        flush(name, out);
        if (out.isEmpty()) {
            throw new IllegalArgumentException("empty field path");
        }
        return new FieldPath(path, out.toArray());
    }

    private static void flush(StringBuilder name, List<Object> out) {
        if (name.length() > 0) {
            out.add(name.toString());
            name.setLength(0);
        }
    }

    /** The node at this path in the event's record, or null when any step is missing. */
    public JsonNode resolve(CloudTrailEvent event) {
        // The first step reads one top-level member, which spares parsing the whole record.
        JsonNode node = segments[0] instanceof String first ? event.member(first) : event.tree().get((Integer) segments[0]);
        for (int i = 1; i < segments.length; i++) {
            Object s = segments[i];
            if (node == null) {
                return null;
            }
            node = s instanceof Integer idx ? node.get(idx) : node.get((String) s);
        }
        return node == null || node.isMissingNode() ? null : node;
    }

    @Override
    public String toString() {
        return text;
    }
}
