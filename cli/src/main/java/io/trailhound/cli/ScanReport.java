package io.trailhound.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailhound.core.alert.AlertSummary;
import io.trailhound.core.identity.AttributionSummary;
import io.trailhound.core.identity.Confidence;
import io.trailhound.core.ingest.IngestSummary;
import io.trailhound.core.ingest.QuarantineReason;
import io.trailhound.core.rules.engine.RuleSet;
import io.trailhound.core.rules.ir.CompiledRule;
import io.trailhound.core.Severity;
import io.trailhound.core.rules.engine.DetectionStage;
import io.trailhound.core.scan.EventStats;
import io.trailhound.core.scan.Scan;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders a scan's outcome as a table for people or as JSON (the keys are public interface). */
final class ScanReport {
    private static final int TOP = 10;

    private ScanReport() {
    }

    static ObjectNode json(Scan.Result r) {
        IngestSummary s = r.ingest();
        EventStats st = r.stats();
        ObjectNode o = Json.object();
        o.put("files", s.files());
        o.put("records", s.records());
        o.put("events", s.events());
        o.put("duplicates", s.duplicates());
        o.put("quarantined", s.quarantined());
        o.put("quarantine", s.quarantine() == null ? null : s.quarantine().toAbsolutePath().toString());
        o.put("skipped", s.skipped());
        o.put("unreadable", s.unreadable());
        ObjectNode reasons = o.putObject("quarantinedByReason");
        s.byReason().forEach((k, v) -> {
            if (k != QuarantineReason.SKIPPED) {
                reasons.put(k.jsonName(), v);
            }
        });
        o.put("bytes", s.bytes());
        o.put("seconds", round(s.seconds()));
        o.put("eventsPerSecond", Math.round(s.records() / Math.max(1e-9, s.seconds())));
        ObjectNode span = o.putObject("timeRange");
        span.put("first", st.first() == null ? null : st.first().toString());
        span.put("last", st.last() == null ? null : st.last().toString());
        o.put("errors", st.errors());
        counts(o.putArray("accounts"), st.accounts(1000));
        counts(o.putArray("regions"), st.regions(1000));
        counts(o.putArray("identityTypes"), st.identityTypes(100));
        counts(o.putArray("topEventSources"), st.eventSources(TOP));
        counts(o.putArray("topEventNames"), st.eventNames(TOP));
        counts(o.putArray("topErrorCodes"), st.errorCodes(TOP));
        if (r.attribution() != null) {
            o.set("attribution", attribution(r.attribution()));
        }
        return o;
    }

    private static ObjectNode attribution(AttributionSummary a) {
        ObjectNode o = Json.object();
        o.put("temporaryCredentialEvents", a.chained());
        ObjectNode conf = o.putObject("byConfidence");
        for (Confidence c : Confidence.values()) {
            conf.put(c.jsonName(), a.count(c));
        }
        o.put("anomalies", a.anomalies());
        a.anomalyExamples().forEach(o.putArray("anomalyExamples")::add);
        ArrayNode origins = o.putArray("topOrigins");
        for (AttributionSummary.OriginCount c : a.topOrigins(TOP)) {
            origins.addObject().put("type", c.type()).put("origin", c.label()).put("events", c.events());
        }
        ArrayNode reasons = o.putArray("topUnknownReasons");
        for (AttributionSummary.ReasonCount c : a.topUnknownReasons(5)) {
            reasons.addObject().put("reason", c.reason()).put("events", c.events());
        }
        return o;
    }

    private static void counts(ArrayNode arr, List<EventStats.Count> counts) {
        for (EventStats.Count c : counts) {
            arr.addObject().put("value", c.value()).put("count", c.count());
        }
    }

    static void table(PrintStream out, Scan.Result r) {
        IngestSummary s = r.ingest();
        EventStats st = r.stats();
        Table t = new Table("", "");
        t.row("files", String.format(Locale.ROOT, "%,d (%s)", s.files(), ByteSize.human(s.bytes())));
        t.row("records", String.format(Locale.ROOT, "%,d", s.records()));
        t.row("events", String.format(Locale.ROOT, "%,d", s.events()));
        t.row("duplicates", String.format(Locale.ROOT, "%,d", s.duplicates()));
        t.row("quarantined", String.format(Locale.ROOT, "%,d", s.quarantined())
                + (s.quarantine() != null ? "  -> " + s.quarantine().toAbsolutePath() : "")); // Table escapes it
        if (s.skipped() > 0) {
            t.row("skipped", String.format(Locale.ROOT, "%,d non-JSON files in directories", s.skipped()));
        }
        t.row("time range", st.first() == null ? "-" : st.first() + " .. " + st.last());
        t.row("accounts", st.distinctAccounts() + "   regions: " + st.distinctRegions());
        t.row("errors", String.format(Locale.ROOT, "%,d (%.1f%%)", st.errors(), 100.0 * st.errors() / Math.max(1, st.events())));
        t.row("read in", String.format(Locale.ROOT, "%.2f s (%,.0f events/s)", s.seconds(), s.records() / Math.max(1e-9, s.seconds())));
        t.print(out);
        s.byReason().forEach((k, v) -> {
            if (k != QuarantineReason.SKIPPED) {
                out.printf(Locale.ROOT, "  quarantined %-20s %,d%n", k.jsonName(), v);
            }
        });
        section(out, "identity types", st.identityTypes(TOP));
        section(out, "top event sources", st.eventSources(TOP));
        section(out, "top event names", st.eventNames(TOP));
        if (st.errors() > 0) {
            section(out, "top error codes", st.errorCodes(TOP));
        }
        if (r.attribution() != null) {
            attributionTable(out, r.attribution());
        }
    }

    private static void attributionTable(PrintStream out, AttributionSummary a) {
        out.println();
        out.printf(Locale.ROOT, "who really did it: %,d events made with temporary credentials%n", a.chained());
        Table t = new Table("", "", "");
        for (Confidence c : Confidence.values()) {
            t.row("  " + c.jsonName(), String.format(Locale.ROOT, "%,d", a.count(c)),
                    String.format(Locale.ROOT, "%.1f%%", 100.0 * a.count(c) / Math.max(1, a.chained())));
        }
        t.print(out);
        if (a.anomalies() > 0) {
            out.printf(Locale.ROOT, "  anomalies: %,d, e.g. %s%n", a.anomalies(), TerminalText.escape(a.anomalyExamples().get(0)));
        }
        out.println();
        out.println("most active origins (all events)");
        Table o = new Table("", "", "");
        for (AttributionSummary.OriginCount c : a.topOrigins(TOP)) {
            o.row("  " + c.label(), c.type(), String.format(Locale.ROOT, "%,d", c.events()));
        }
        o.print(out);
        List<AttributionSummary.ReasonCount> reasons = a.topUnknownReasons(5);
        if (!reasons.isEmpty()) {
            out.println();
            out.println("why some origins are unknown");
            Table w = new Table("", "");
            for (AttributionSummary.ReasonCount c : reasons) {
                w.row("  " + c.reason(), String.format(Locale.ROOT, "%,d", c.events()));
            }
            w.print(out);
        }
    }

    private static void section(PrintStream out, String title, List<EventStats.Count> counts) {
        out.println();
        out.println(title);
        Table t = new Table("", "");
        for (EventStats.Count c : counts) {
            t.row("  " + c.value(), String.format(Locale.ROOT, "%,d", c.count()));
        }
        t.print(out);
    }

    /**
     * The rules of a run and what they raised: {@code rules} ({@code loaded}, {@code enabled},
     * {@code disabled}, {@code skipped}, {@code byFormat}, {@code indexedEventNames}, {@code catchAll}),
     * {@code alerts}, {@code bySeverity}, {@code byRule}, {@code suppressedByMaxSignals}, {@code ruleErrors}.
     */
    static ObjectNode detectionJson(RuleOptions.Loaded loaded, DetectionStage stage) {
        ObjectNode o = Json.object();
        ObjectNode rules = o.putObject("rules");
        long enabled = loaded.rules().stream().filter(r -> r.info().enabled()).count();
        rules.put("loaded", loaded.rules().size());
        rules.put("enabled", enabled);
        rules.put("disabled", loaded.rules().size() - enabled);
        rules.put("skipped", loaded.result().skipped().size());
        ObjectNode byFormat = rules.putObject("byFormat");
        for (CompiledRule r : loaded.rules()) {
            if (r.info().enabled()) {
                byFormat.put(r.info().format().id(), byFormat.path(r.info().format().id()).asLong() + 1);
            }
        }
        if (stage != null) {
            RuleSet set = stage.detector().rules();
            rules.put("indexedByEventName", set.indexedByName());
            rules.put("catchAll", set.catchAll().size());
        }
        AlertSummary a = stage == null ? new AlertSummary() : stage.summary();
        o.put("alerts", a.total());
        ObjectNode sev = o.putObject("bySeverity");
        for (Severity s : Severity.values()) {
            sev.put(s.id(), a.bySeverity().getOrDefault(s, 0L));
        }
        ArrayNode byRule = o.putArray("byRule");
        a.byRule().entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> byRule.addObject().put("rule", e.getKey()).put("alerts", e.getValue()));
        o.put("suppressedByMaxSignals", stage == null ? 0 : stage.suppressed());
        o.put("attributionUpdates", stage == null ? 0 : stage.updates());
        ObjectNode errors = o.putObject("ruleErrors");
        if (stage != null) {
            stage.ruleErrors().forEach(errors::put);
        }
        return o;
    }

    static void detectionTable(PrintStream out, RuleOptions.Loaded loaded, DetectionStage stage) {
        ObjectNode d = detectionJson(loaded, stage);
        out.println();
        out.println("detection");
        Table t = new Table("", "");
        ObjectNode r = (ObjectNode) d.get("rules");
        StringBuilder byFormat = new StringBuilder();
        r.path("byFormat").fields().forEachRemaining(e -> byFormat.append(byFormat.length() == 0 ? "" : ", ")
                .append(e.getKey()).append(' ').append(e.getValue().asLong()));
        t.row("  rules", String.format(Locale.ROOT, "%,d enabled of %,d loaded (%s); %,d skipped as not for CloudTrail",
                r.path("enabled").asLong(), r.path("loaded").asLong(), byFormat, r.path("skipped").asLong()));
        t.row("  alerts", String.format(Locale.ROOT, "%,d", d.path("alerts").asLong()));
        if (d.path("suppressedByMaxSignals").asLong() > 0) {
            t.row("  over max_signals", String.format(Locale.ROOT, "%,d dropped", d.path("suppressedByMaxSignals").asLong()));
        }
        d.path("ruleErrors").fields().forEachRemaining(e -> t.row("  rule error", e.getKey() + " x" + e.getValue().asLong()));
        t.print(out);
        if (d.path("alerts").asLong() > 0) {
            Table byRule = new Table("rule", "alerts");
            d.path("byRule").forEach(x -> byRule.row(x.path("rule").asText(), x.path("alerts").asLong()));
            out.println();
            byRule.print(out);
        }
    }

    /**
     * Says so on {@code err} and returns true when nothing at all could be read from the inputs
     * (the run then exits 2, after its summary and quarantine were written); see
     * {@link IngestSummary#nothingReadable()}.
     */
    static boolean nothingRead(PrintStream err, IngestSummary s, List<String> paths) {
        if (!s.nothingReadable()) {
            return false;
        }
        err.println("trailhound: nothing could be read from " + TerminalText.escape(String.join(" ", paths))
                + String.format(Locale.ROOT, " (%,d quarantined", s.quarantined())
                + (s.quarantine() == null ? ")" : ": " + TerminalText.escape(s.quarantine().toAbsolutePath().toString()) + ")"));
        return true;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
