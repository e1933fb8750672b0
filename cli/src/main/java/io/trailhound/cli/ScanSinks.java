package io.trailhound.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailhound.cli.output.AlertWebhook;
import io.trailhound.cli.output.AsffBatches;
import io.trailhound.cli.output.BuildVersion;
import io.trailhound.cli.output.EventDocuments;
import io.trailhound.cli.output.NdjsonOut;
import io.trailhound.cli.output.SecurityHubImport;
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
 * Where a scan's or watch's documents go besides its summary: ECS or OCSF events and OCSF or ASFF
 * alerts on stdout (ASFF imported into Security Hub instead with --securityhub), and alerts to a
 * webhook. Built before the run, finished after it (the last ASFF batch, the webhook's drain, and
 * keeping what the webhook did not deliver: in the store with {@code --db}, else in a file beside
 * the quarantine). Watch, which does not end, also {@link #flush}es after each batch.
 */
final class ScanSinks implements AutoCloseable {
    private final ScanFormat format;
    private final NdjsonOut out;
    private final EventsWithOrigin events;
    private final AsffBatches asff;
    private final AsffTarget target;
    private final AlertWebhook webhook;
    private final SecurityHubImport hub;
    private final Instant started = Instant.now();

    /** {@code hub}: with --securityhub, where the ASFF batches go instead of stdout (null: stdout). */
    ScanSinks(ScanFormat format, AlertSinkOptions options, AsffTarget target, GeoIpOptions geo, PrintStream stdout,
              SecurityHubImport hub) {
        String bulkIndex = options.bulkIndex;
        URI webhookUrl = options.alertsWebhook;
        this.format = format;
        this.target = target;
        this.hub = hub;
        boolean docs = format == ScanFormat.ecs || format == ScanFormat.ocsf || format == ScanFormat.asff;
        this.out = docs ? new NdjsonOut(stdout, false) : null;
        this.events = format == ScanFormat.ecs || format == ScanFormat.ocsf
                ? new EventsWithOrigin(new EventDocuments(format == ScanFormat.ecs ? EventDocuments.Kind.ECS
                        : EventDocuments.Kind.OCSF, out, bulkIndex, format == ScanFormat.ecs ? geo.open()
                        : io.trailhound.core.rules.elastic.GeoIp.NONE), Path.of(System.getProperty("java.io.tmpdir")))
                : null;
        this.asff = format != ScanFormat.asff ? null : hub != null ? new AsffBatches(hub) : new AsffBatches(out);
        this.webhook = webhookUrl == null ? null
                : AlertWebhook.start(webhookUrl, ScanSinks::falcoJson);
    }

    /** An alert as the CLI prints it (Falco's keys), the payload Falcosidekick takes. */
    static String falcoJson(io.trailhound.core.alert.Alert a) {
        return AlertJson.line(a);
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
     * After each of watch's batches: the ASFF findings so far go out (a partial batch as its own
     * line), stdout gets whole lines, and alerts the webhook gave up on are kept in {@code store}.
     */
    void flush(EventStore store, PrintStream err) {
        if (asff != null) {
            asff.close(); // writes the partial batch; the next alert starts a new one
        }
        if (out != null) {
            out.flush();
        }
        if (webhook != null) {
            keepUndelivered(store, null, webhook.takeUndelivered(), err);
        }
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
            if (hub != null) {
                out.write(hub.summary());
            }
            out.close();
        }
        if (webhook == null) {
            return null;
        }
        webhook.close();
        AlertWebhook.Report r = webhook.report();
        ObjectNode o = Json.object().put("destination", r.destination()).put("delivered", r.delivered())
                .put("undelivered", r.undelivered()).put("retries", r.retries());
        String kept = keepUndelivered(store, dir, webhook.takeUndelivered(), err);
        if (kept != null) {
            o.put("keptIn", kept);
        }
        return o;
    }

    /** Keeps {@code left} in {@code store} (open for writing) or, without one, in a file in {@code dir}; says so on stderr. */
    private String keepUndelivered(EventStore store, Path dir, List<AlertWebhook.Undelivered> left, PrintStream err) {
        if (left.isEmpty()) {
            return null;
        }
        String destination = webhook.destination();
        String kept = store != null ? keepInStore(store, destination, left) : keepInFile(dir, destination, left);
        err.printf(Locale.ROOT, "trailhound: %,d alerts were not delivered to %s (last: %s); kept in %s%n", left.size(),
                TerminalText.escape(destination), TerminalText.escape(String.valueOf(left.get(left.size() - 1).lastError())),
                TerminalText.escape(kept));
        return kept;
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
