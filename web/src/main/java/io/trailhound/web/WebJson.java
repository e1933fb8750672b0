package io.trailhound.web;

import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailhound.core.UnsafeText;
import io.javalin.http.Context;

/** The API's JSON: written with the CLI's escapes (terminal controls, bidi controls as {@code \\u}), never cached. */
final class WebJson {
    static final ObjectMapper MAPPER = new ObjectMapper(new JsonFactoryBuilder().characterEscapes(UnsafeText.jsonEscapes()).build());

    private WebJson() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** Parses JSON the store holds (an alert line, a raw record); a value that does not parse is kept as text. */
    static JsonNode parse(String json) {
        if (json == null) {
            return null;
        }
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            return MAPPER.getNodeFactory().textNode(json);
        }
    }

    static void send(Context ctx, int status, JsonNode body) {
        try {
            ctx.status(status).contentType("application/json; charset=utf-8").result(MAPPER.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    static void send(Context ctx, JsonNode body) {
        send(ctx, 200, body);
    }
}
