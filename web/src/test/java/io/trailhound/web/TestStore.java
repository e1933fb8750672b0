package io.trailhound.web;

import io.trailhound.core.Severity;
import io.trailhound.core.alert.Alert;
import io.trailhound.core.alert.AlertEvent;
import io.trailhound.core.rules.ir.RuleFormat;
import io.trailhound.core.rules.ir.RuleInfo;
import io.trailhound.store.EventStore;
import io.trailhound.store.StoreWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A store file with alerts made through the store's own writer, as a scan makes them. */
final class TestStore {
    static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    static final Severity[] SEVERITIES = {Severity.LOW, Severity.MEDIUM, Severity.HIGH, Severity.CRITICAL};

    private TestStore() {
    }

    static RuleInfo rule(String name, RuleFormat format, Severity severity) {
        return new RuleInfo(name, name, format, "test.yaml", 1, "WARNING", severity, null, List.of(), List.of(), List.of(),
                "about " + name, true, null, List.of(), Map.of());
    }

    /**
     * {@code n} alerts, alert i at T0 + i minutes, rule "Rule i%3" (format falco, or sigma for i%3 == 2),
     * severity {@link #SEVERITIES}[i%4], account 11112222333(i%2), JSON line {"n": i}.
     */
    static Path withAlerts(Path dir, int n) {
        return withAlerts(dir, n, i -> T0.plusSeconds(60L * i));
    }

    /** As above, alert i at {@code time.apply(i)}. */
    static Path withAlerts(Path dir, int n, java.util.function.IntFunction<Instant> time) {
        Path file = dir.resolve("alerts.duckdb");
        try (EventStore s = EventStore.open(file.toString(), false); StoreWriter w = s.writer()) {
            for (int i = 0; i < n; i++) {
                RuleInfo r = rule("Rule " + (i % 3), i % 3 == 2 ? RuleFormat.SIGMA : RuleFormat.FALCO, SEVERITIES[i % 4]);
                long t = time.apply(i).toEpochMilli();
                AlertEvent e = new AlertEvent(t, Instant.ofEpochMilli(t).toString(), "e-" + i, "s3.amazonaws.com", "GetObject",
                        "us-east-1", "11112222333" + (i % 2), "198.51.100.1", "IAMUser",
                        "arn:aws:iam::111122223333:user/u" + i, "f.json", i);
                w.alert(new Alert(r, "output " + i + (i == 7 ? " 100%_done" : ""), Map.of(), e, null, Map.of()),
                        T0, "{\"n\":" + i + "}");
            }
            w.commit();
        }
        return file;
    }
}
