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
        Map<String, String> keys = new TreeMap<>();
        Path events = out.resolve("events");
        for (List<String> r : parquet(events, "eventID, accessKeyId, " + ORIGIN_COLUMNS)) {
            keys.put(r.get(0), r.get(1));
            if (origins.put(r.get(0), origin(r.subList(2, r.size()))) != null) {
                throw new AssertionError("event written twice: " + r);
            }
        }
        // An update is the credential's answer now, for every event made with it: the latest per credential.
        Map<String, String> updated = new TreeMap<>();
        for (List<String> r : parquet(events.resolve(TrailhoundJob.UPDATES_DIR),
                "accessKeyId, " + ORIGIN_COLUMNS + " ORDER BY updatedAt")) {
            updated.put(r.get(0), origin(r.subList(1, r.size())));
        }
        keys.forEach((event, key) -> {
            if (key != null && updated.containsKey(key)) {
                origins.put(event, updated.get(key));
            }
        });
        List<String> q = lines(out.resolve("quarantine"));
        q.sort(null);
        return new Output(alerts, origins, q);
    }

    private static final String ORIGIN_COLUMNS = "originType, originArn, originName, originProvider, originAccount, "
            + "confidence, reason, chain";

    /**
     * The committed Parquet part files under {@code dir} (hidden in-progress and pending ones left
     * out, as is the updates table under the events), each row's columns as text, read by DuckDB.
     */
    static List<List<String>> parquet(Path dir, String select) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        String glob = dir.toAbsolutePath() + "/account=*/date=*/*.parquet";
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:duckdb:");
             java.sql.Statement s = c.createStatement()) {
            if (countOf(s, glob) == 0) {
                return rows;
            }
            String[] parts = select.split(" ORDER BY ");
            try (java.sql.ResultSet rs = s.executeQuery("SELECT " + parts[0] + " FROM read_parquet('" + glob.replace("'", "''")
                    + "', hive_partitioning = false)" + (parts.length > 1 ? " ORDER BY " + parts[1] : ""))) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<String> row = new ArrayList<>(n);
                    for (int i = 1; i <= n; i++) {
                        row.add(rs.getString(i));
                    }
                    rows.add(row);
                }
            }
        } catch (java.sql.SQLException e) {
            throw new IOException("cannot read the Parquet files under " + dir + ": " + e.getMessage(), e);
        }
        return rows;
    }

    private static long countOf(java.sql.Statement s, String glob) throws java.sql.SQLException {
        try (java.sql.ResultSet rs = s.executeQuery("SELECT count(*) FROM glob('" + glob.replace("'", "''") + "')")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The origin as the CLI's alert JSON writes it, from the layout's columns (type .. reason, then chain). */
    private static String origin(List<String> c) throws IOException {
        com.fasterxml.jackson.databind.node.ObjectNode o = AlertJson.origin(c.get(0), c.get(1), c.get(2), c.get(3), c.get(4),
                c.get(5), c.get(6));
        JsonNode chain = AlertJson.MAPPER.readTree(c.get(7));
        if (chain.size() > 0) {
            com.fasterxml.jackson.databind.node.ArrayNode via = o.putArray("via");
            for (int i = chain.size() - 1; i >= 0; i--) {
                via.add(chain.get(i).path("arn").textValue());
            }
        }
        return AlertJson.line(o);
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
