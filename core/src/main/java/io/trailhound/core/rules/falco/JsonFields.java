package io.trailhound.core.rules.falco;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.trailhound.core.rules.ir.Accessor;
import io.trailhound.core.rules.ir.Accessors;
import java.util.ArrayList;
import java.util.List;

/**
 * The json plugin's fields over the whole record: {@code json.value[/json/pointer]} (RFC 6901; a
 * string gives its text, anything else its compact JSON, {@code null} included), {@code json.obj}
 * (the record indented by two spaces, as Go's {@code json.Indent}), {@code json.rawtime}, and the
 * old {@code jevt.*} names.
 */
final class JsonFields {
    private static final ObjectWriter INDENTED = new ObjectMapper().writer(new DefaultPrettyPrinter(
            Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n")));

    private JsonFields() {
    }

    static List<FieldDef> definitions() {
        List<FieldDef> d = new ArrayList<>();
        for (String prefix : List.of("json", "jevt")) {
            d.add(new FieldDef(prefix + ".value", FieldType.STRING, FieldArg.REQUIRED,
                    "the value at a JSON pointer, e.g. " + prefix + ".value[/responseElements/ConsoleLogin]: "
                            + "a string as is, anything else as compact JSON",
                    arg -> pointer(prefix + ".value[" + arg + "]", arg)));
            d.add(new FieldDef(prefix + ".obj", FieldType.STRING, FieldArg.NONE, "the whole record as indented JSON",
                    arg -> Accessors.parsed(prefix + ".obj", e -> indented(e.tree()))));
            d.add(new FieldDef(prefix + ".rawtime", FieldType.UINT64, FieldArg.NONE,
                    "the event time in nanoseconds since the epoch",
                    arg -> Accessors.derived(prefix + ".rawtime", EventTimes::rawNanos)));
        }
        return d;
    }

    private static Accessor pointer(String name, String arg) {
        String p = arg == null ? "" : arg.trim();
        JsonPointer ptr = JsonPointer.compile(p.isEmpty() || p.startsWith("/") ? p : "/" + p);
        JsonPointer tail = ptr.matches() ? null : ptr.tail();
        String key = tail == null || tail.matches() || tail.getMatchingIndex() >= 0 ? null : tail.getMatchingProperty();
        String member = ptr.matches() ? "" : ptr.getMatchingProperty();
        java.util.function.Function<io.trailhound.core.event.CloudTrailEvent, Object> read = e -> {
            // The pointer's first step reads one top-level member, which spares parsing the whole record,
            // and not even that when the member's bytes show the next step, an object key, is not there.
            if (key != null && !ptr.getMatchingProperty().isEmpty() && !e.mayHaveKey(ptr.getMatchingProperty(), key)) {
                return null;
            }
            JsonNode n = ptr.matches() ? e.tree() : ptr.getMatchingProperty().isEmpty() ? e.tree().at(ptr)
                    : memberOrMissing(e, ptr.getMatchingProperty()).at(ptr.tail());
            if (n == null || n.isMissingNode()) {
                return null;
            }
            return n.isTextual() ? n.textValue() : n.toString();
        };
        // A string's text or a value's compact JSON, from one member: tests can be answered from its bytes.
        return member.isEmpty() ? Accessors.parsed(name, read) : Accessors.fromMember(name, member, read);
    }

    private static String indented(JsonNode n) {
        try {
            return INDENTED.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            // A tree Jackson itself parsed always writes back.
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode memberOrMissing(io.trailhound.core.event.CloudTrailEvent e, String name) {
        JsonNode m = e.member(name);
        return m == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : m;
    }
}
