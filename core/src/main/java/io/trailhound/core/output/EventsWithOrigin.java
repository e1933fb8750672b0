package io.trailhound.core.output;

import com.fasterxml.jackson.core.JsonFactory;
import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.event.CloudTrailEventDecoder;
import io.trailhound.core.identity.Attribution;
import io.trailhound.core.identity.Attributor;
import io.trailhound.core.ingest.EventSink;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Gives a scan's output every event whole, with its final origin: a document format needs both,
 * and the pipeline hands them over apart. Plug it in as the scan's {@code onEvent} and
 * {@code onAttributed}. An event whose answer is final at once goes out at once. An event whose
 * answer waits for issuances not read yet reaches {@code onAttributed} only at the end, and then
 * without its record (the attribution stage keeps no raw bytes, to bound memory); its record is
 * spilled meanwhile to a temporary file (owner-only, deleted on {@link #close}) and read back
 * when its answer comes. Without attribution every event goes out as it comes, origin null.
 * Called from the pipeline's one consumer thread.
 */
public final class EventsWithOrigin implements EventSink, Attributor.Listener, AutoCloseable {
    /** Receives each event once, whole, with its origin (null when the run does not attribute). */
    @FunctionalInterface
    public interface Sink {
        void accept(CloudTrailEvent event, EventOrigin origin);
    }

    private static final JsonFactory JSON = new JsonFactory();

    private final Sink sink;
    private final boolean attributing;
    private final Path dir;
    private final CloudTrailEventDecoder decoder = new CloudTrailEventDecoder();
    /**
     * Where each waiting event's record is in the spill file: offset and length, by the identity of
     * its position (or eventID), which the attribution stage's copy shares with the event.
     */
    private final Map<Object, long[]> spilled = new IdentityHashMap<>();
    private CloudTrailEvent lastDelivered;
    private Path file;
    private java.io.OutputStream spillOut;
    private long spillLength;
    private RandomAccessFile spillIn;

    /** {@code attributing}: whether the scan attributes (and so calls {@link #attributed}); spills go to {@code dir}. */
    public EventsWithOrigin(Sink sink, boolean attributing, Path dir) {
        this.sink = sink;
        this.attributing = attributing;
        this.dir = dir;
    }

    @Override
    public void attributed(CloudTrailEvent event, Attribution attribution) {
        EventOrigin origin = EventOrigin.of(attribution);
        if (event.rawBytes() != null) {
            lastDelivered = event;
            sink.accept(event, origin);
            return;
        }
        long[] at = spilled.remove(key(event));
        if (at == null) {
            throw new IllegalStateException("an event waited for its origin but its record was not kept: " + event.eventID());
        }
        sink.accept(readBack(at, event), origin);
    }

    /** After the stages: an event the attribution stage did not deliver just now is waiting, so its record is kept. */
    @Override
    public void accept(CloudTrailEvent event) {
        if (!attributing) {
            sink.accept(event, null);
        } else if (lastDelivered != event) {
            keep(event);
        }
        lastDelivered = null;
    }

    /** Events whose records wait in the spill file now. */
    public int waiting() {
        return spilled.size();
    }

    private static Object key(CloudTrailEvent e) {
        return e.position() != null ? e.position() : e.eventID();
    }

    private void keep(CloudTrailEvent e) {
        try {
            if (spillOut == null) {
                file = Files.createTempFile(dir, "trailhound-events-", ".spill",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                spillOut = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
            }
            byte[] raw = e.rawBytes();
            spillOut.write(raw);
            spilled.put(key(e), new long[] {spillLength, raw.length});
            spillLength += raw.length;
        } catch (IOException x) {
            throw new UncheckedIOException("cannot keep a record waiting for its origin in " + dir, x);
        }
    }

    private CloudTrailEvent readBack(long[] at, CloudTrailEvent copy) {
        try {
            spillOut.flush(); // nothing to write once the run is read; a streaming host may interleave
            if (spillIn == null) {
                spillIn = new RandomAccessFile(file.toFile(), "r");
            }
            byte[] raw = new byte[(int) at[1]];
            spillIn.seek(at[0]);
            spillIn.readFully(raw);
            return decoder.decodeRecord(JSON, raw, copy.position());
        } catch (IOException x) {
            throw new UncheckedIOException("cannot read back a record from " + file, x);
        }
    }

    @Override
    public void close() throws IOException {
        if (spillOut != null) {
            spillOut.close();
            if (spillIn != null) {
                spillIn.close();
            }
            spillOut = null;
            spillIn = null;
            Files.deleteIfExists(file);
        }
    }
}
