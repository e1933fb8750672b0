package io.trailhound.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailhound.store.StoredEvent;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** Stored events as JSON (the keys are public) and as table rows; every event carries its origin. */
final class EventJson {
    private EventJson() {
    }

    static ObjectNode json(StoredEvent e) {
        ObjectNode o = Json.object();
        o.put("eventID", e.eventID());
        o.put("eventTime", e.eventTime().toString());
        o.put("eventSource", e.eventSource());
        o.put("eventName", e.eventName());
        o.put("awsRegion", e.awsRegion());
        o.put("sourceIPAddress", e.sourceIPAddress());
        o.put("userAgent", e.userAgent());
        if (e.errorCode() != null) {
            o.put("errorCode", e.errorCode());
        }
        o.put("recipientAccountId", e.recipientAccountId());
        ObjectNode u = o.putObject("userIdentity");
        u.put("type", e.identityType());
        u.put("arn", e.identityArn());
        u.put("accessKeyId", e.accessKeyId());
        if (e.sessionIssuerArn() != null) {
            u.put("sessionIssuerArn", e.sessionIssuerArn());
        }
        o.set("origin", origin(e.originType(), e.originArn(), e.originName(), e.originProvider(), e.originAccount(),
                e.confidence(), e.reason()));
        if (e.raw() != null) {
            try {
                o.set("raw", Json.MAPPER.readTree(e.raw()));
            } catch (java.io.IOException x) {
                o.put("raw", e.raw());
            }
        }
        return o;
    }

    /** {@code {type, arn | name, provider?, account?, confidence, reason?}}; confidence "unknown" when not attributed. */
    static ObjectNode origin(String type, String arn, String name, String provider, String account, String confidence,
                             String reason) {
        return io.trailhound.core.alert.AlertJson.origin(type, arn, name, provider, account, confidence, reason);
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
