package io.trailhound.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailhound.core.alert.Alert;
import io.trailhound.core.alert.AlertSink;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The alerts of a {@code --format json} run, for the summary's {@code alerts} array, which can
 * only be written at the end (the summary's other keys are known only then). The first
 * {@link #IN_MEMORY} stay in memory as JSON; the rest go, one JSON line each, to a temporary file
 * (owner-only, deleted on {@link #close}) and are streamed from it into the document, so a run
 * with millions of alerts needs no more heap than one with a thousand. Each alert is turned into
 * JSON as it arrives, so its event is not kept.
 *
 * <p>Should the temporary file fail (a full disk), the alerts from then on are counted, not
 * listed, and said so on stderr: the summary is still written, and {@code detection.alerts}
 * still counts them all.
 */
final class AlertSpill implements AlertSink, Json.StreamedArray, AutoCloseable {
    static final int IN_MEMORY = 1_000;

    private final int inMemory;
    private final Path dir;
    private final PrintStream err;
    private final List<ObjectNode> held = new ArrayList<>();
    private Path file;
    private JsonGenerator spill;
    private boolean spillFailed;
    private long raised;
    private long spilled;

    AlertSpill(PrintStream err) {
        this(IN_MEMORY, Path.of(System.getProperty("java.io.tmpdir")), err);
    }

    /** Keeps {@code inMemory} alerts before spilling the rest into a file in {@code dir}. */
    AlertSpill(int inMemory, Path dir, PrintStream err) {
        this.inMemory = inMemory;
        this.dir = dir;
        this.err = err;
    }

    @Override
    public void alert(Alert a) {
        raised++;
        ObjectNode json = AlertJson.json(a);
        if (held.size() < inMemory) {
            held.add(json);
        } else if (!spillFailed) {
            try {
                if (file == null) {
                    file = Files.createTempFile(dir, "trailhound-alerts-", ".ndjson");
                    file.toFile().deleteOnExit();
                    spill = Json.MAPPER.getFactory().createGenerator(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
                    spill.setRootValueSeparator(null); // one alert a line, as NDJSON
                }
                Json.MAPPER.writeTree(spill, json);
                spill.writeRaw('\n');
                spilled++;
            } catch (IOException e) {
                failed(e);
            }
        }
    }

    private void failed(IOException e) {
        spillFailed = true;
        err.println("trailhound: cannot keep more alerts for the JSON summary (" + TerminalText.escape(e.toString())
                + "); later ones are counted, not listed; --format ndjson lists every alert");
    }

    /** Alerts spilled to the temporary file. */
    long spilled() {
        return spilled;
    }

    /** The temporary file, or null while nothing was spilled. */
    Path file() {
        return file;
    }

    /** Writes the array: the alerts in memory, then those spilled, in the order they were raised. */
    @Override
    public void writeTo(JsonGenerator g) throws IOException {
        g.writeStartArray();
        for (ObjectNode a : held) {
            Json.MAPPER.writeTree(g, a);
        }
        long listed = held.size();
        if (file != null) {
            try {
                closeSpill();
            } catch (IOException e) {
                failed(e);
            }
            // One alert at a time as a tree, so a tail cut by a failed write never reaches the output half written.
            try (JsonParser p = Json.MAPPER.getFactory().createParser(file.toFile())) {
                while (p.nextToken() == JsonToken.START_OBJECT) {
                    Json.MAPPER.writeTree(g, Json.MAPPER.readTree(p));
                    listed++;
                }
            } catch (JsonProcessingException e) {
                // a cut tail: counted below
            }
        }
        g.writeEndArray();
        if (listed < raised) {
            err.printf(Locale.ROOT, "trailhound: %,d of %,d alerts are not in the JSON summary's alerts array (see above)%n",
                    raised - listed, raised);
        }
    }

    private void closeSpill() throws IOException {
        if (spill != null) {
            JsonGenerator g = spill;
            spill = null;
            g.close();
        }
    }

    @Override
    public void close() throws IOException {
        try {
            closeSpill();
        } finally {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        }
    }
}
