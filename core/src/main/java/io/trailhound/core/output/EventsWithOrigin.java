package io.trailhound.core.output;

import com.fasterxml.jackson.core.JsonFactory;
import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.event.CloudTrailEventDecoder;
import io.trailhound.core.event.SourcePosition;
import io.trailhound.core.identity.Attributor;
import io.trailhound.core.identity.CredentialAnswer;
import io.trailhound.core.ingest.EventSink;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Gives a scan's output every event whole, with its final origin: a document format needs both.
 * Plug it in as the scan's {@code onEvent} and {@link #bind} it to the run's attributor. An event
 * whose credential's answer is settled goes out at once. An event whose credential is still
 * pending (its issuance may be read later in the run) is spilled, record and position, to a
 * temporary file (owner-only, deleted on {@link #close}); {@link #finish} reads the file back in
 * order once all input is read and writes each event with its credential's final answer. So no
 * state is kept per event in memory. Without attribution every event goes out as it comes,
 * origin null. Called from the pipeline's one consumer thread.
 */
public final class EventsWithOrigin implements EventSink, AutoCloseable {
    /** Receives each event once, whole, with its origin (null when the run does not attribute). */
    @FunctionalInterface
    public interface Sink {
        void accept(CloudTrailEvent event, EventOrigin origin);
    }

    private static final JsonFactory JSON = new JsonFactory();

    private final Sink sink;
    private final Path dir;
    private Attributor attributor;
    private Path file;
    private DataOutputStream spill;
    private long waiting;

    /** Spills go to {@code dir}. */
    public EventsWithOrigin(Sink sink, Path dir) {
        this.sink = sink;
        this.dir = dir;
    }

    /** The run's attributor, whose answer for the event just handled {@link #accept} reads; unbound: no attribution. */
    public EventsWithOrigin bind(Attributor attributor) {
        this.attributor = attributor;
        return this;
    }

    /** After the stages, with the attributor's answer for this event still current. */
    @Override
    public void accept(CloudTrailEvent event) {
        if (attributor == null) {
            sink.accept(event, null);
            return;
        }
        CredentialAnswer answer = attributor.lastAnswer();
        if (answer == null || !answer.pending()) {
            sink.accept(event, EventOrigin.of(attributor.lastAttribution()));
        } else {
            keep(event);
        }
    }

    /** Events whose records wait in the spill file now. */
    public long waiting() {
        return waiting;
    }

    /** Once all input is read and attributed: writes every spilled event, in the order read, with its final answer. */
    public void finish() {
        if (spill == null) {
            return;
        }
        CloudTrailEventDecoder decoder = new CloudTrailEventDecoder();
        try {
            spill.close();
            spill = null;
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
                while (true) {
                    String source;
                    try {
                        source = in.readUTF();
                    } catch (EOFException end) {
                        break;
                    }
                    SourcePosition position = new SourcePosition(source, in.readLong(), in.readLong());
                    byte[] raw = new byte[in.readInt()];
                    in.readFully(raw);
                    CloudTrailEvent e = decoder.decodeRecord(JSON, raw, position);
                    sink.accept(e, EventOrigin.of(attributor.answer(e)));
                }
            }
            waiting = 0;
            Files.deleteIfExists(file);
        } catch (IOException x) {
            throw new UncheckedIOException("cannot read back records that waited for their origin from " + file, x);
        }
    }

    private void keep(CloudTrailEvent e) {
        try {
            if (spill == null) {
                file = Files.createTempFile(dir, "trailhound-events-", ".spill",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                spill = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
            }
            SourcePosition p = e.position();
            spill.writeUTF(p == null ? "" : p.source());
            spill.writeLong(p == null ? 0 : p.byteOffset());
            spill.writeLong(p == null ? 0 : p.line());
            byte[] raw = e.rawBytes();
            spill.writeInt(raw.length);
            spill.write(raw);
            waiting++;
        } catch (IOException x) {
            throw new UncheckedIOException("cannot keep a record waiting for its origin in " + dir, x);
        }
    }

    @Override
    public void close() throws IOException {
        if (spill != null) {
            spill.close();
            spill = null;
        }
        if (file != null) {
            Files.deleteIfExists(file);
        }
    }
}
