package io.trailhound.flink;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailhound.core.alert.AlertJson;
import io.trailhound.core.rules.engine.DetectionStage;
import io.trailhound.core.rules.engine.Detector;
import io.trailhound.core.rules.engine.RuleSet;
import io.trailhound.core.rules.RuleSelection;
import io.trailhound.core.scan.Scan;
import io.trailhound.core.scan.ScanOptions;
import io.trailhound.core.ingest.ReadLimits;
import io.trailhound.core.identity.CredentialLedger;
import io.trailhound.core.identity.TrustPolicies;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Runs the job on the test's MiniCluster and the core's scan pipeline on the same files, and reads what each wrote. */
final class JobRuns {
    /** What a run gave: every alert line (sorted), and each event's origin JSON by eventID. */
    record Output(List<String> alerts, Map<String, String> origins, List<String> quarantine) {
    }

    private JobRuns() {
    }

    static JobOptions options(Path data, List<String> rules) {
        JobOptions o = new JobOptions();
        o.paths.add(data.toString());
        o.rules.addAll(rules);
        o.checkpointInterval = Duration.ofMillis(300);
        return o;
    }

    /** The job, with its file sinks under {@code out}; returns once it has finished. */
    static Output job(JobOptions o, int parallelism, Path out) throws Exception {
        o.parallelism = parallelism;
        o.alertsOut = out.resolve("alerts").toString();
        o.eventsOut = out.resolve("events").toString();
        o.quarantineOut = out.resolve("quarantine").toString();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        // A failure fails the test with its cause: with checkpoints on, Flink's default restarts for ever.
        org.apache.flink.configuration.Configuration noRestart = new org.apache.flink.configuration.Configuration();
        noRestart.set(org.apache.flink.configuration.RestartStrategyOptions.RESTART_STRATEGY, "none");
        env.configure(noRestart);
        TrailhoundJob.configure(env, o);
        TrailhoundJob.sinks(TrailhoundJob.build(env, o), o);
        env.execute("test");
        return read(out);
    }

    static Output read(Path out) throws IOException {
        List<String> alerts = lines(out.resolve("alerts"));
        alerts.sort(null);
        Map<String, String> origins = new TreeMap<>();
        Map<String, String> updated = new TreeMap<>();
        Map<String, String> keys = new TreeMap<>();
        for (String l : lines(out.resolve("events"))) {
            JsonNode n = AlertJson.MAPPER.readTree(l);
            if (n.has("type")) {
                updated.put(n.get("credential").path("accessKeyId").asText(), AlertJson.line(n.get("origin")));
                continue;
            }
            keys.put(n.get("eventID").asText(), n.get("userIdentity").path("accessKeyId").asText());
            String previous = origins.put(n.get("eventID").asText(), AlertJson.line(n.get("origin")));
            if (previous != null) {
                throw new AssertionError("event written twice: " + l);
            }
        }
        // An update is the credential's answer now, for every event made with it.
        keys.forEach((event, key) -> {
            if (updated.containsKey(key)) {
                origins.put(event, updated.get(key));
            }
        });
        List<String> q = lines(out.resolve("quarantine"));
        q.sort(null);
        return new Output(alerts, origins, q);
    }

    /** Committed part files only (in-progress and pending ones start with a dot). */
    static List<String> lines(Path dir) throws IOException {
        List<String> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith(".")).toList()) {
                out.addAll(Files.readAllLines(f));
            }
        }
        return out;
    }

    /** The scan pipeline as {@code trailhound scan --format ndjson} assembles it, on the same rules. */
    static Output scan(JobOptions o) {
        var loaded = JobRules.loadResult(o);
        RuleSet set = new RuleSet(RuleSelection.all().apply(loaded.rules()));
        List<String> alerts = new ArrayList<>();
        Map<String, String> origins = new TreeMap<>();
        List<String> quarantine = new ArrayList<>();
        // Events pass with their credential's answer at that moment; the final answer is the credential's at the end.
        Map<String, io.trailhound.core.event.CloudTrailEvent> events = new TreeMap<>();
        Scan scan = Scan.builder(new ScanOptions(ReadLimits.defaults(), 2, null))
                .attribution(new CredentialLedger(), TrustPolicies.none())
                .detection(DetectionStage.inMemory(new Detector(set), null, a -> alerts.add(AlertJson.line(a))))
                .onAttributed((e, a) -> events.put(e.eventID(), e.identityCopy(e.userIdentity())))
                .onBad(b -> quarantine.add(io.trailhound.core.ingest.Quarantine.line(b)))
                .build();
        scan.run(o.paths, (filesDone, filesTotal, bytesDone, bytesTotal, records) -> { });
        events.forEach((id, e) -> origins.put(id, AlertJson.line(AlertJson.origin(
                scan.attributor().answer(e)))));
        alerts.sort(null);
        quarantine.sort(null);
        return new Output(alerts, origins, quarantine);
    }

    /** The events whose origins differ (at most 10, with both answers), empty when the maps are equal: readable failures. */
    static List<String> originDiff(Map<String, String> expected, Map<String, String> actual) {
        List<String> diff = new ArrayList<>();
        for (Map.Entry<String, String> e : expected.entrySet()) {
            String a = actual.get(e.getKey());
            if (!e.getValue().equals(a) && diff.size() < 10) {
                diff.add(e.getKey() + ": scan " + e.getValue() + " / job " + a);
            }
        }
        for (String k : actual.keySet()) {
            if (!expected.containsKey(k) && diff.size() < 10) {
                diff.add(k + ": only in the job");
            }
        }
        if (!diff.isEmpty()) {
            diff.add(0, "expected " + expected.size() + " events, got " + actual.size());
        }
        return diff;
    }

    static void deleteTree(Path p) {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
