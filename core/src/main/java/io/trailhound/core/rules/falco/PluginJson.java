package io.trailhound.core.rules.falco;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailhound.core.event.CloudTrailEvent;

/**
 * How the CloudTrail plugin turns JSON into field values (fastjson {@code Get} then
 * {@code GetStringBytes}): a missing key is absent; a present value that is not a string (object,
 * number, bool, null) is the empty string. Copied on purpose so that rules behave as in Falco.
 */
final class PluginJson {
    private PluginJson() {
    }

    /** The node at {@code path} below {@code root}, or null when some key is missing. */
    static JsonNode at(JsonNode root, String... path) {
        JsonNode n = root;
        for (String key : path) {
            if (n == null || !n.isObject()) {
                return null;
            }
            n = n.get(key);
        }
        return n;
    }

    /**
     * The value at {@code path} in the event's record, or null: the first key names one top-level
     * member, whose bytes are searched for the value ({@link CloudTrailEvent#memberAt}), which spares
     * parsing the record or even the member, and not even that when the member's bytes show the
     * next key is not there.
     */
    static JsonNode at(CloudTrailEvent e, String... path) {
        if (path.length > 1 && !e.mayHaveKey(path[0], path[1])) {
            return null; // the key is surely not in the member's bytes: nothing to parse
        }
        return e.memberAt(path);
    }

    static String string(CloudTrailEvent e, String... path) {
        return string(at(e, path));
    }

    static String compact(CloudTrailEvent e, String... path) {
        return compact(at(e, path));
    }

    static String bool(CloudTrailEvent e, String... path) {
        return bool(at(e, path));
    }

    /** Plugin string semantics: absent → null, string → its text, anything else → "". */
    static String string(JsonNode root, String... path) {
        return string(at(root, path));
    }

    private static String string(JsonNode n) {
        if (n == null || n.isMissingNode()) {
            return null;
        }
        return n.isTextual() ? n.textValue() : "";
    }

    /** A present value as compact JSON (key order kept), or null when absent. */
    static String compact(JsonNode root, String... path) {
        return compact(at(root, path));
    }

    private static String compact(JsonNode n) {
        return n == null || n.isMissingNode() ? null : n.toString();
    }

    /**
     * {@code "true"} / {@code "false"} for a present key, null when missing. JSON {@code true} and
     * the string {@code "true"} both count as true: CloudTrail writes some flags as strings, and the
     * plugin's {@code GetBool} reads those as false (a quirk we fix, see the fields table).
     */
    static String bool(JsonNode root, String... path) {
        return bool(at(root, path));
    }

    private static String bool(JsonNode n) {
        if (n == null || n.isMissingNode()) {
            return null;
        }
        boolean t = n.isBoolean() ? n.booleanValue() : n.isTextual() && "true".equals(n.textValue());
        return t ? "true" : "false";
    }

    /** A JSON number truncated to an integer, or null when the key is missing or not a number. */
    static Long integer(JsonNode root, String... path) {
        JsonNode n = at(root, path);
        return n != null && n.isNumber() ? (long) n.doubleValue() : null;
    }
}
