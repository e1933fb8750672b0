package io.trailhound.core.output;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.trailhound.core.identity.Hop;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

/**
 * An answer's {@code chain} and {@code anomalies} as the JSON text the store's columns and the
 * Parquet events layout hold: hops with {@code arn}, {@code accessKeyId}, {@code eventID},
 * {@code eventName}, {@code time}, {@code account}, {@code linkedBy}; anomalies as an array of strings.
 */
public final class AttributionJson {
    private static final JsonFactory JSON = new JsonFactory();

    private AttributionJson() {
    }

    public static String chain(List<Hop> chain) {
        if (chain.isEmpty()) {
            return "[]";
        }
        StringWriter w = new StringWriter(256);
        try (JsonGenerator g = JSON.createGenerator(w)) {
            g.writeStartArray();
            for (Hop h : chain) {
                g.writeStartObject();
                g.writeStringField("arn", h.arn());
                g.writeStringField("accessKeyId", h.accessKeyId());
                g.writeStringField("eventID", h.eventID());
                g.writeStringField("eventName", h.eventName());
                g.writeStringField("time", h.time() == Long.MIN_VALUE ? null : Instant.ofEpochMilli(h.time()).toString());
                g.writeStringField("account", h.account());
                g.writeStringField("linkedBy", h.linkedBy());
                g.writeEndObject();
            }
            g.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    public static String strings(List<String> values) {
        if (values.isEmpty()) {
            return "[]";
        }
        StringWriter w = new StringWriter(128);
        try (JsonGenerator g = JSON.createGenerator(w)) {
            g.writeStartArray();
            for (String v : values) {
                g.writeString(v);
            }
            g.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }
}
