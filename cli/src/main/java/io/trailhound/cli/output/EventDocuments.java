package io.trailhound.cli.output;

import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.output.EcsDocument;
import io.trailhound.core.output.EventOrigin;
import io.trailhound.core.output.EventsWithOrigin;
import io.trailhound.core.output.OcsfApiActivity;
import io.trailhound.core.rules.elastic.EcsView;
import io.trailhound.core.rules.elastic.GeoIp;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Events as documents, one per line: ECS (optionally each after its {@code _bulk} action line) or
 * OCSF API Activity. The sink of {@code scan --format ecs|ocsf} and of {@code export}.
 */
public final class EventDocuments implements EventsWithOrigin.Sink {
    public enum Kind { ECS, OCSF }

    private final Kind kind;
    private final NdjsonOut out;
    private final String bulkIndex;
    private final EcsDocument ecs;

    /** {@code bulkIndex}: with ECS, the index or data stream of {@code _bulk} action lines (null: none). */
    public EventDocuments(Kind kind, NdjsonOut out, String bulkIndex, GeoIp geo) {
        this.kind = kind;
        this.out = out;
        this.bulkIndex = bulkIndex;
        this.ecs = kind == Kind.ECS ? new EcsDocument(EcsView.of(geo)) : null;
    }

    @Override
    public void accept(CloudTrailEvent event, EventOrigin origin) {
        if (kind == Kind.OCSF) {
            out.write(OcsfApiActivity.of(event, origin));
            return;
        }
        try {
            if (bulkIndex != null) {
                EcsDocument.writeBulkAction(out.generator(), bulkIndex, event.eventID());
                out.endLine();
            }
            ecs.write(out.generator(), event, origin);
            out.endDocument();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the output", e);
        }
    }
}
