package io.trailhound.cli.output;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.trailhound.cli.Json;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * One JSON document per line to a stream (stdout or a file), through the CLI's one JSON
 * configuration ({@link Json#MAPPER}: terminal controls escaped), buffered. Counts the documents.
 */
public final class NdjsonOut implements AutoCloseable {
    private final JsonGenerator g;
    private long documents;

    /** {@code closeTarget}: whether {@link #close} closes {@code out} (a file) or only flushes it (stdout). */
    public NdjsonOut(OutputStream out, boolean closeTarget) {
        try {
            g = Json.MAPPER.getFactory().createGenerator(new BufferedOutputStream(out, 1 << 16));
            g.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, closeTarget);
            g.setRootValueSeparator(new com.fasterxml.jackson.core.io.SerializedString("\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The generator, to write one document with; call {@link #endDocument} after it. */
    public JsonGenerator generator() {
        return g;
    }

    public void endDocument() {
        documents++;
    }

    public void write(JsonNode document) {
        try {
            Json.MAPPER.writeTree(g, document);
            documents++;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the output", e);
        }
    }

    public long documents() {
        return documents;
    }

    @Override
    public void close() {
        try {
            g.writeRaw('\n');
            g.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the output", e);
        }
    }
}
