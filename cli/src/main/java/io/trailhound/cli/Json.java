package io.trailhound.cli;

import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;

/**
 * JSON output: pretty for {@code --format json}, one line for {@code ndjson}. Every JSON document
 * the CLI writes goes through {@link #MAPPER}, so all escape terminal controls the same way
 * ({@link JsonEscapes}).
 */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper(new JsonFactoryBuilder().characterEscapes(new JsonEscapes()).build())
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private Json() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
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
