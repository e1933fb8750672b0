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
 * Each line ends with its newline as it is written, so {@link #flush} hands a long-running
 * reader (watch's stdout) whole lines.
 */
public final class NdjsonOut implements AutoCloseable {
    private final JsonGenerator g;
    private long documents;
    private boolean anyLine;

    /** {@code closeTarget}: whether {@link #close} closes {@code out} (a file) or only flushes it (stdout). */
    public NdjsonOut(OutputStream out, boolean closeTarget) {
        try {
            g = Json.MAPPER.getFactory().createGenerator(new BufferedOutputStream(out, 1 << 16));
            g.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, closeTarget);
            g.setRootValueSeparator(null); // each line ends itself (endLine)
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The generator, to write one line's JSON value with; call {@link #endLine} or {@link #endDocument} after it. */
    public JsonGenerator generator() {
        return g;
    }

    /** Ends a line that is not a document of its own (a {@code _bulk} action line). */
    public void endLine() {
        try {
            g.writeRaw('\n');
            anyLine = true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the output", e);
        }
    }

    public void endDocument() {
        endLine();
        documents++;
    }

    public void write(JsonNode document) {
        try {
            Json.MAPPER.writeTree(g, document);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the output", e);
        }
        endDocument();
    }

    /** Hands what was written to the stream (whole lines). */
    public void flush() {
        try {
            g.flush();
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
            if (!anyLine) {
                g.writeRaw('\n'); // an empty output stays one empty line, as it always was
            }
            g.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the output", e);
        }
    }
}
