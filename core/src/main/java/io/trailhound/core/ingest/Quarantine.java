package io.trailhound.core.ingest;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.trailhound.core.UnsafeText;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Keeps what could not be read: one JSON line per bad record or input with the reason, where it
 * was (source, byte offset, line), a detail and the content (up to the limit). The file is made
 * on the first entry, so a clean run leaves nothing behind. Skipped non-JSON files are counted by
 * the caller but not kept here.
 */
public final class Quarantine implements Closeable {
    /** Entries quote attacker-written records: what would act on a terminal is escaped, so the file can be read with cat. */
    private static final JsonFactory JSON = new JsonFactory().setCharacterEscapes(UnsafeText.jsonEscapes());

    private final Path file;
    private final java.util.function.Consumer<BadRecord> also;
    private JsonGenerator out;
    private long entries;

    public Quarantine(Path file) {
        this(file, b -> { });
    }

    /**
     * A quarantine that also hands each entry to {@code also} (a store keeps them too). With a
     * null {@code file}, entries go only there.
     */
    public Quarantine(Path file, java.util.function.Consumer<BadRecord> also) {
        this.file = file;
        this.also = also;
    }

    public Path file() {
        return file;
    }

    /** Entries written so far. */
    public long entries() {
        return entries;
    }

    public void add(BadRecord bad) {
        also.accept(bad);
        entries++;
        if (file == null) {
            return;
        }
        try {
            if (out == null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
                out = JSON.createGenerator(Files.newOutputStream(file), JsonEncoding.UTF8);
                out.setRootValueSeparator(null);
            }
            write(out, bad);
            out.writeRaw('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write quarantine file " + file, e);
        }
    }

    /** One entry as the quarantine file holds it, without the line break (for hosts that write entries elsewhere). */
    public static String line(BadRecord bad) {
        java.io.StringWriter w = new java.io.StringWriter();
        try (JsonGenerator g = JSON.createGenerator(w)) {
            write(g, bad);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    private static void write(JsonGenerator out, BadRecord bad) throws IOException {
        out.writeStartObject();
        out.writeStringField("reason", bad.reason().jsonName());
        out.writeStringField("source", bad.position().source());
        out.writeNumberField("byteOffset", bad.position().byteOffset());
        out.writeNumberField("line", bad.position().line());
        out.writeStringField("detail", bad.detail());
        if (bad.content() != null) {
            out.writeBooleanField("truncated", bad.truncated());
            out.writeStringField("record", new String(bad.content(), StandardCharsets.UTF_8));
        }
        out.writeEndObject();
    }

    @Override
    public void close() throws IOException {
        if (out != null) {
            out.close();
        }
    }
}
