package io.trailhound.cli;

import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailhound.core.UnsafeText;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;

/**
 * JSON output: pretty for {@code --format json}, one line for {@code ndjson}. Every JSON document
 * the CLI writes goes through {@link #MAPPER}, so all escape terminal controls the same way
 * ({@link UnsafeText#jsonEscapes()}).
 */
public final class Json {
    /** The one mapper every host writes with (log fields escaped for terminals): the core's. */
    public static final ObjectMapper MAPPER = io.trailhound.core.alert.AlertJson.MAPPER;

    private Json() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** Writes a JSON array into a document as it is being written. */
    interface StreamedArray {
        void writeTo(JsonGenerator g) throws IOException;
    }

    /**
     * Pretty-prints {@code doc} as {@link #print} does, with the value under {@code key} (a
     * placeholder in {@code doc}, where the key is to appear) written by {@code array} as the
     * document goes out: a large array is never in memory whole, nor is the document as one string.
     */
    static void printStreaming(PrintStream out, ObjectNode doc, String key, StreamedArray array) {
        try (JsonGenerator g = MAPPER.writerWithDefaultPrettyPrinter().without(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .createGenerator(out)) {
            g.writeStartObject();
            for (Iterator<Map.Entry<String, JsonNode>> it = doc.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                g.writeFieldName(field.getKey());
                if (field.getKey().equals(key)) {
                    array.writeTo(g);
                } else {
                    MAPPER.writeTree(g, field.getValue());
                }
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write JSON", e);
        }
        out.println();
    }

    static void print(PrintStream out, Object value, OutputFormat format) {
        try {
            out.println(format == OutputFormat.ndjson
                    ? MAPPER.writeValueAsString(value)
                    : MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
