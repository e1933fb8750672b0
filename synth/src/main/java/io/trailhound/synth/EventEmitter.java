package io.trailhound.synth;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/**
 * The one path every record takes: gives it an eventID (and requestID), serialises it once,
 * hands the bytes to the sink, writes its origins line, and updates the usage state the posture
 * files report (access key last use). Producers fill {@link #begin()}'s event, then call {@link #emit()}.
 */
final class EventEmitter implements Closeable {
    private final TrailEvent event = new TrailEvent();
    private final CloudTrailRecordWriter writer = new CloudTrailRecordWriter();
    private final ByteBuf buf = new ByteBuf();
    private final JsonGenerator gen;
    private final LogSink sink;
    private final OriginLog origins;
    private final Ids ids;
    private final EventTally tally = new EventTally();
    private long count;
    private List<String> capture;

    EventEmitter(JsonFactory factory, LogSink sink, OriginLog origins, Ids ids) throws IOException {
        this.gen = factory.createGenerator(buf);
        this.sink = sink;
        this.origins = origins;
        this.ids = ids;
    }

    /** The reusable event, reset; fill it and call {@link #emit()}. */
    TrailEvent begin() {
        event.reset();
        return event;
    }

    /**
     * Writes the current event with a fresh eventID and returns that id. The event keeps its
     * fields, so a caller may change a few (recipient, identity) and emit a second copy.
     */
    String emit() throws IOException {
        TrailEvent e = event;
        e.eventId = ids.uuid();
        if (e.requestId == null) {
            e.requestId = ids.uuid();
        }
        writer.write(gen, e);
        gen.flush();
        sink.write(e.recipient, e.region, buf.bytes, buf.size);
        buf.reset();
        if (e.identityKind == TrailEvent.IdentityKind.CREDENTIAL) {
            Credential c = e.credential;
            if (OriginLog.covers(c)) {
                origins.write(e.eventId, c);
            } else {
                AccessKey k = c.key;
                k.lastUsed = e.time;
                k.lastUsedRegion = e.region.code;
                k.lastUsedService = serviceOf(e.eventSource);
            }
            c.uses++;
        }
        tally.count(e);
        count++;
        if (capture != null) {
            capture.add(e.eventId);
        }
        return e.eventId;
    }

    private static String serviceOf(String eventSource) {
        int dot = eventSource.indexOf('.');
        return dot < 0 ? eventSource : eventSource.substring(0, dot);
    }

    /** Collects the ids of the events emitted until {@link #stopCapture()} (attack stories use it). */
    void captureInto(List<String> ids) {
        this.capture = ids;
    }

    void stopCapture() {
        this.capture = null;
    }

    long count() {
        return count;
    }

    EventTally tally() {
        return tally;
    }

    @Override
    public void close() throws IOException {
        gen.close();
    }
}
