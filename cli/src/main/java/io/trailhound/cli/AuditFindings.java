package io.trailhound.cli;

import io.trailhound.cli.output.AsffBatches;
import io.trailhound.cli.output.BuildVersion;
import io.trailhound.cli.output.NdjsonOut;
import io.trailhound.core.output.AsffFinding;
import io.trailhound.core.output.AsffTarget;
import io.trailhound.core.output.OcsfComplianceFinding;
import io.trailhound.core.posture.AuditResult;
import io.trailhound.core.posture.CheckInfo;
import io.trailhound.core.posture.Finding;
import java.io.PrintStream;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code audit --format ocsf|asff}: each finding as an OCSF Compliance Finding (one per line), or as
 * ASFF in BatchImportFindings arrays of at most 100 a line. Each is dated by its account's
 * as-of time, so a re-run over the same inputs gives the same findings (ASFF: the same ids).
 */
final class AuditFindings {
    private AuditFindings() {
    }

    static void print(PrintStream out, AuditResult r, boolean ocsf, AsffTarget target) {
        try (NdjsonOut docs = new NdjsonOut(out, false)) {
            if (ocsf) {
                Map<String, CheckInfo> checks = checks(r);
                Instant now = Instant.now();
                for (Finding f : r.findings()) {
                    docs.write(OcsfComplianceFinding.of(f, checks.get(f.check()), r.asOf().getOrDefault(f.account(), now),
                            BuildVersion.number()));
                }
            } else {
                try (AsffBatches batches = new AsffBatches(docs)) {
                    asff(r, target, batches);
                }
            }
        }
    }

    /** Every finding as ASFF into {@code batches} (printed, or imported with --securityhub). */
    static void asff(AuditResult r, AsffTarget target, AsffBatches batches) {
        Map<String, CheckInfo> checks = checks(r);
        Instant now = Instant.now();
        for (Finding f : r.findings()) {
            batches.add(AsffFinding.forPosture(f, checks.get(f.check()), r.asOf().getOrDefault(f.account(), now), target, now));
        }
    }

    private static Map<String, CheckInfo> checks(AuditResult r) {
        Map<String, CheckInfo> checks = new HashMap<>();
        r.checks().forEach(c -> checks.put(c.id(), c));
        return checks;
    }
}
