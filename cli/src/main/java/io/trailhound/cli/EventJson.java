package io.trailhound.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailhound.store.StoredEvent;
import io.trailhound.store.StoredJson;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** Stored events as JSON (the keys are public) and as table rows; every event carries its origin. */
final class EventJson {
    private EventJson() {
    }

    static ObjectNode json(StoredEvent e) {
        return StoredJson.event(e);
    }

    /** Collects events for a table, or streams them as JSON lines. */
    static final class Printer {
        private final PrintStream out;
        private final OutputFormat format;
        private final List<StoredEvent> held = new ArrayList<>();

        Printer(PrintStream out, OutputFormat format) {
            this.out = out;
            this.format = format;
        }

        void accept(StoredEvent e) {
            if (format == OutputFormat.ndjson) {
                Json.print(out, json(e), format);
            } else {
                held.add(e);
            }
        }

        /** Prints what was held: a table, or one JSON object with {@code extra} keys and the events. */
        void finish(ObjectNode extra) {
            if (format == OutputFormat.ndjson) {
                return;
            }
            if (format == OutputFormat.json) {
                ObjectNode o = extra == null ? Json.object() : extra;
                o.put("count", held.size());
                held.forEach(e -> o.withArray("events").add(json(e)));
                if (held.isEmpty()) {
                    o.putArray("events");
                }
                Json.print(out, o, format);
                return;
            }
            Table t = new Table("time", "event", "account", "acted as", "origin", "confidence");
            for (StoredEvent e : held) {
                String name = e.eventSource() == null ? e.eventName()
                        : e.eventSource().replace(".amazonaws.com", "") + ":" + e.eventName();
                t.row(e.eventTime(), name + (e.errorCode() != null ? " (" + e.errorCode() + ")" : ""),
                        e.recipientAccountId(), e.identityArn() != null ? e.identityArn() : e.identityType(),
                        e.originLabel() != null ? e.originLabel() : "-", e.confidence() != null ? e.confidence() : "unknown");
            }
            t.print(out);
        }
    }
}
