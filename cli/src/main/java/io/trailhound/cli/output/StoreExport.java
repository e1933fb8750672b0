package io.trailhound.cli.output;

import com.fasterxml.jackson.core.JsonFactory;
import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.event.CloudTrailEventDecoder;
import io.trailhound.core.event.SourcePosition;
import io.trailhound.core.output.AsffFinding;
import io.trailhound.core.output.AsffTarget;
import io.trailhound.core.output.EventsWithOrigin;
import io.trailhound.core.output.OcsfDetectionFinding;
import io.trailhound.store.EventStore;
import io.trailhound.store.SearchFilter;
import io.trailhound.store.StoreException;
import java.io.IOException;
import java.time.Instant;

/**
 * {@code export}'s reading side: the store's rows, streamed, turned into the output model (events
 * decoded again from their stored records, so the documents are those a scan writes) and handed
 * to a document writer.
 */
public final class StoreExport {
    private static final JsonFactory JSON = new JsonFactory();

    private final EventStore store;
    private final SearchFilter filter;
    private final String version;

    public StoreExport(EventStore store, SearchFilter filter, String version) {
        this.store = store;
        this.filter = filter;
        this.version = version;
    }

    /** Every matching event, whole, with its stored origin, to {@code sink}; returns how many. */
    public long events(EventsWithOrigin.Sink sink) {
        CloudTrailEventDecoder decoder = new CloudTrailEventDecoder();
        return store.exportEvents(filter, row -> {
            CloudTrailEvent e;
            try {
                e = decoder.decodeRecord(JSON, row.raw(), new SourcePosition(row.event().eventID(), 0, 1));
            } catch (IOException | RuntimeException x) {
                throw new StoreException("the stored record of event " + row.event().eventID() + " does not decode: "
                        + x.getMessage(), x);
            }
            sink.accept(e, StoredOrigins.origin(row.event(), row.chain()));
        });
    }

    /** The matching alerts as OCSF Detection Findings. */
    public long ocsfAlerts(NdjsonOut out) {
        return store.exportAlerts(filter, a -> out.write(OcsfDetectionFinding.of(StoredOrigins.alert(a), version)));
    }

    /** The matching alerts as ASFF findings in import batches; {@code now} is their UpdatedAt. */
    public long asffAlerts(AsffBatches out, AsffTarget target, Instant now) {
        return store.exportAlerts(filter, a -> out.add(AsffFinding.forAlert(StoredOrigins.alert(a), target, now)));
    }
}
