package io.trailhound.core.posture;

import io.trailhound.core.Severity;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where to start: one entry per principal with findings, ranked by how many checks it fails, then
 * the worst severity, then the oldest age. A user with no MFA, an old key and unused credentials
 * is one remediation that clears three findings.
 */
public record Priority(String account, String principal, List<String> checks, Severity worst, long oldestDays) {

    private static final Comparator<Priority> ORDER = Comparator.comparingInt((Priority p) -> p.checks().size()).reversed()
            .thenComparing(Priority::worst, Comparator.reverseOrder())
            .thenComparing(Comparator.comparingLong(Priority::oldestDays).reversed())
            .thenComparing(Priority::account).thenComparing(Priority::principal);

    public static List<Priority> rank(List<Finding> findings) {
        Map<String, List<Finding>> byPrincipal = new LinkedHashMap<>();
        for (Finding f : findings) {
            byPrincipal.computeIfAbsent(f.account() + "\u0000" + f.principal(), k -> new ArrayList<>()).add(f);
        }
        List<Priority> out = new ArrayList<>(byPrincipal.size());
        for (List<Finding> fs : byPrincipal.values()) {
            Severity worst = Severity.LOW;
            long oldest = -1;
            List<String> checks = new ArrayList<>();
            for (Finding f : fs) {
                worst = f.severity().compareTo(worst) > 0 ? f.severity() : worst;
                oldest = Math.max(oldest, f.ageDays());
                checks.add(f.check());
            }
            out.add(new Priority(fs.get(0).account(), fs.get(0).principal(), checks, worst, oldest));
        }
        out.sort(ORDER);
        return out;
    }
}
