package io.trailhound.core.posture;

import io.trailhound.core.Severity;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an audit found: the checks run, per check the organisation and per-account tallies, every
 * finding, the moment each account was evaluated at (absent for an account without a credential
 * report: nothing dates its inputs, and its checks need no time), and notes on inputs that were missing.
 */
public record AuditResult(List<CheckInfo> checks, Map<String, CheckTally> total,
                          Map<String, Map<String, CheckTally>> byAccount, List<Finding> findings,
                          Map<String, Instant> asOf, List<String> notes) {

    /** Most severe first, then oldest, then by account and principal (stable output). */
    public static final Comparator<Finding> SEVERITY_THEN_AGE = Comparator.comparing(Finding::severity).reversed()
            .thenComparing(Comparator.comparingLong(Finding::ageDays).reversed())
            .thenComparing(Finding::account).thenComparing(Finding::principal).thenComparing(Finding::check);

    /** The highest severity among the findings, or null when there are none. */
    public Severity worst() {
        return findings.stream().map(Finding::severity).max(Comparator.naturalOrder()).orElse(null);
    }

    public List<String> accounts() {
        return List.copyOf(byAccount.keySet());
    }

    /** Per check id, the findings count for an account (0 when none). */
    public Map<String, Long> violationsIn(String account) {
        Map<String, Long> out = new LinkedHashMap<>();
        byAccount.get(account).forEach((check, tally) -> out.put(check, tally.violations()));
        return out;
    }
}
