package io.trailhound.synth;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code truth/origins.ndjson}, streamed as events are written: one line per event signed by a
 * temporary principal (AssumedRole, FederatedUser, or IAMUser / Root with an ASIA key), naming the
 * origin and the chain of issuing events, so nothing about past events is kept in memory.
 */
final class OriginLog implements Closeable {
    private static final SerializableString EVENT_ID = SerializedStrings.name("eventID");
    private static final SerializableString ORIGIN = SerializedStrings.name("origin");
    private static final SerializableString TYPE = SerializedStrings.name("type");
    private static final SerializableString ARN = SerializedStrings.name("arn");
    private static final SerializableString NAME = SerializedStrings.name("name");
    private static final SerializableString PROVIDER = SerializedStrings.name("provider");
    private static final SerializableString CHAIN = SerializedStrings.name("chain");
    private static final SerializableString SIGN_IN = SerializedStrings.name("signIn");

    private final SerializedStrings values = new SerializedStrings();
    private final OutputStream stream;
    private final JsonGenerator g;

    OriginLog(Path file, JsonFactory factory) throws IOException {
        Files.createDirectories(file.getParent());
        this.stream = new BufferedOutputStream(Files.newOutputStream(file), 256 * 1024);
        this.g = factory.createGenerator(stream);
    }

    /** Whether an event signed with {@code c} gets a line. */
    static boolean covers(Credential c) {
        return c.kind != Credential.Kind.USER_KEY;
    }

    void write(String eventId, Credential c) throws IOException {
        g.writeStartObject();
        g.writeFieldName(EVENT_ID);
        g.writeString(eventId);
        g.writeFieldName(ORIGIN);
        g.writeStartObject();
        g.writeFieldName(TYPE);
        g.writeString(values.of(c.origin.type()));
        if (c.origin.arn() != null) {
            g.writeFieldName(ARN);
            g.writeString(values.of(c.origin.arn()));
        }
        if (c.origin.name() != null) {
            g.writeFieldName(NAME);
            g.writeString(values.of(c.origin.name()));
        }
        if (c.origin.provider() != null) {
            g.writeFieldName(PROVIDER);
            g.writeString(values.of(c.origin.provider()));
        }
        g.writeEndObject();
        g.writeFieldName(CHAIN);
        g.writeStartArray();
        for (String id : c.chain) {
            g.writeString(values.of(id));
        }
        g.writeEndArray();
        if (c.signInEventId != null) {
            g.writeFieldName(SIGN_IN);
            g.writeString(values.of(c.signInEventId));
        }
        g.writeEndObject();
        g.writeRaw('\n');
    }

    @Override
    public void close() throws IOException {
        g.close();
        stream.close();
    }
}
