package io.trailhound.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailhound.cli.output.AlertWebhook;
import io.trailhound.cli.output.AsffBatches;
import io.trailhound.cli.output.BuildVersion;
import io.trailhound.cli.output.EventDocuments;
import io.trailhound.cli.output.NdjsonOut;
import io.trailhound.core.alert.AlertSink;
import io.trailhound.core.output.AlertFacts;
import io.trailhound.core.output.AsffFinding;
import io.trailhound.core.output.AsffTarget;
import io.trailhound.core.output.EventsWithOrigin;
import io.trailhound.core.output.OcsfDetectionFinding;
import io.trailhound.store.EventStore;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where a scan's documents go besides its summary: ECS or OCSF events and OCSF or ASFF alerts on
 * stdout, and alerts to a webhook. Built before the run, finished after it (the last ASFF batch,
 * the webhook's drain, and keeping what the webhook did not deliver: in the store with
 * {@code --db}, else in a file beside the quarantine).
 */
final class ScanSinks implements AutoCloseable {
    private final ScanFormat format;
    private final NdjsonOut out;
    private final EventsWithOrigin events;
    private final AsffBatches asff;
    private final AsffTarget target;
    private final AlertWebhook webhook;
    private final Instant started = Instant.now();

    ScanSinks(ScanFormat format, String bulkIndex, AsffTarget target, URI webhookUrl, GeoIpOptions geo,
              PrintStream stdout) {
        this.format = format;
        this.target = target;
        boolean docs = format == ScanFormat.ecs || format == ScanFormat.ocsf || format == ScanFormat.asff;
        this.out = docs ? new NdjsonOut(stdout, false) : null;
        this.events = format == ScanFormat.ecs || format == ScanFormat.ocsf
                ? new EventsWithOrigin(new EventDocuments(format == ScanFormat.ecs ? EventDocuments.Kind.ECS
                        : EventDocuments.Kind.OCSF, out, bulkIndex, format == ScanFormat.ecs ? geo.open()
                        : io.trailhound.core.rules.elastic.GeoIp.NONE), Path.of(System.getProperty("java.io.tmpdir")))
                : null;
        this.asff = format == ScanFormat.asff ? new AsffBatches(out) : null;
        this.webhook = webhookUrl == null ? null
                : AlertWebhook.start(webhookUrl, ScanSinks::falcoJson);
    }

    /** An alert as the CLI prints it (Falco's keys), the payload Falcosidekick takes. */
    static String falcoJson(io.trailhound.core.alert.Alert a) {
        try {
            return Json.MAPPER.writeValueAsString(AlertJson.json(a));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    /** The events' output (ecs, ocsf), for the scan's onEvent and onAttributed; null for other formats. */
    EventsWithOrigin events() {
        return events;
    }

    /** {@code base} (the summary's alert sink, may be null), plus the document format's and the webhook's. */
    AlertSink alerts(AlertSink base) {
        List<AlertSink> all = new ArrayList<>();
        if (base != null) {
            all.add(base);
        }
        if (format == ScanFormat.ocsf) {
            all.add(a -> out.write(OcsfDetectionFinding.of(AlertFacts.of(a), BuildVersion.number())));
        } else if (format == ScanFormat.asff) {
            all.add(a -> asff.add(AsffFinding.forAlert(AlertFacts.of(a), target, started)));
        }
        if (webhook != null) {
            all.add(webhook);
        }
        if (all.size() == 1) {
            return all.get(0);
        }
        return new AlertSink() {
            @Override
            public void alert(io.trailhound.core.alert.Alert a) {
                all.forEach(s -> s.alert(a));
            }

            @Override
            public void update(io.trailhound.core.alert.AlertUpdate u) {
                all.forEach(s -> s.update(u));
            }
        };
    }

    /**
     * Ends the documents and the webhook's deliveries; keeps undelivered alerts in {@code store}
     * (open for writing) or, without one, in a file in {@code dir}. Returns the webhook's part of
     * the summary (null without a webhook).
     */
    ObjectNode finish(EventStore store, Path dir, PrintStream err) {
        if (events != null) {
            events.finish();
        }
        if (asff != null) {
            asff.close();
        }
        if (out != null) {
            out.close();
        }
        if (webhook == null) {
            return null;
        }
        webhook.close();
        AlertWebhook.Report r = webhook.report();
        ObjectNode o = Json.object().put("destination", r.destination()).put("delivered", r.delivered())
                .put("undelivered", r.undelivered()).put("retries", r.retries());
        List<AlertWebhook.Undelivered> left = webhook.undelivered();
        if (!left.isEmpty()) {
            String kept = store != null ? keepInStore(store, r.destination(), left) : keepInFile(dir, r.destination(), left);
            o.put("keptIn", kept);
            err.printf(Locale.ROOT, "trailhound: %,d alerts were not delivered to %s (last: %s); kept in %s%n", left.size(),
                    TerminalText.escape(r.destination()), TerminalText.escape(String.valueOf(left.get(left.size() - 1).lastError())),
                    TerminalText.escape(kept));
        }
        return o;
    }

    private String keepInStore(EventStore store, String destination, List<AlertWebhook.Undelivered> left) {
        List<EventStore.Undelivered> rows = new ArrayList<>(left.size());
        for (AlertWebhook.Undelivered u : left) {
            rows.add(new EventStore.Undelivered(u.alertId(), destination, u.payload(), u.attempts(), u.lastError()));
        }
        store.keepUndelivered(rows, Instant.now());
        return store.location() + " (table webhook_undelivered)";
    }

    private static String keepInFile(Path dir, String destination, List<AlertWebhook.Undelivered> left) {
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve("webhook-undelivered-" + ProcessHandle.current().pid() + "-" + System.currentTimeMillis()
                    + ".ndjson");
            try (NdjsonOut w = new NdjsonOut(Files.newOutputStream(file), true)) {
                for (AlertWebhook.Undelivered u : left) {
                    ObjectNode o = Json.object().put("alertId", u.alertId()).put("destination", destination)
                            .put("attempts", u.attempts()).put("lastError", u.lastError());
                    o.set("payload", Json.MAPPER.readTree(u.payload()));
                    w.write(o);
                }
            }
            return file.toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the undelivered alerts in " + dir, e);
        }
    }

    @Override
    public void close() {
        if (events != null) {
            try {
                events.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (webhook != null) {
            webhook.close();
        }
    }
}
