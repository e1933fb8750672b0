package io.trailhound.core.posture;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs the checks over every account of a source, one account at a time (an account's inputs are
 * dropped once checked, so memory grows with findings, not with the organisation).
 */
public final class PostureAudit {
    private final List<PostureCheck> checks;
    private final Thresholds thresholds;
    private final Instant asOfOverride;

    /** @param asOfOverride evaluate as of this moment; null: each account's report generation time */
    public PostureAudit(List<PostureCheck> checks, Thresholds thresholds, Instant asOfOverride) {
        this.checks = List.copyOf(checks);
        this.thresholds = thresholds;
        this.asOfOverride = asOfOverride;
    }

    /** @param progress told each account id as it starts (for a progress line on stderr) */
    public AuditResult run(PostureSource source, Consumer<String> progress) throws IOException {
        List<CheckInfo> infos = checks.stream().map(PostureCheck::info).toList();
        Map<String, CheckTally> total = tallies(infos);
        Map<String, Map<String, CheckTally>> byAccount = new LinkedHashMap<>();
        Map<String, Instant> asOf = new LinkedHashMap<>();
        List<Finding> findings = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (String account : source.accounts()) {
            progress.accept(account);
            AccountInputs in = source.load(account);
            Instant when = asOf(in, notes);
            if (when != null) {
                asOf.put(in.accountId(), when);
            }
            noteMissing(in, notes);
            // undated inputs (no credential report) feed only the checks that need no time
            AuditContext ctx = new AuditContext(when == null ? Instant.EPOCH : when, thresholds);
            Map<String, CheckTally> mine = byAccount.computeIfAbsent(in.accountId(), k -> tallies(infos));
            for (PostureCheck check : checks) {
                List<Finding> found = new ArrayList<>();
                int applicable = check.evaluate(in, ctx, found);
                mine.get(check.info().id()).add(applicable, found);
                total.get(check.info().id()).add(applicable, found);
                findings.addAll(found);
            }
        }
        findings.sort(AuditResult.SEVERITY_THEN_AGE);
        return new AuditResult(infos, total, byAccount, findings, asOf, notes);
    }

    private Instant asOf(AccountInputs in, List<String> notes) {
        if (asOfOverride != null) {
            return asOfOverride;
        }
        CredentialReport r = in.credentialReport();
        if (r == null || r.asOf().isEmpty()) {
            return null;
        }
        if (r.generatedTime() == null) {
            notes.add(in.accountId() + ": " + r.source() + " does not say when it was generated; evaluated as of its newest "
                    + "timestamp, " + r.asOf().get() + " (use --as-of to choose)");
        }
        return r.asOf().get();
    }

    private static void noteMissing(AccountInputs in, List<String> notes) {
        if (in.credentialReport() == null) {
            notes.add(in.accountId() + ": no credential report; user and root checks not run");
        }
        if (in.passwordPolicy() == null) {
            notes.add(in.accountId() + ": no password policy; password-policy-weak not run");
        }
        if (in.roles() == null) {
            notes.add(in.accountId() + ": no authorization details; role-session-name-not-pinned not run");
        }
    }

    private static Map<String, CheckTally> tallies(List<CheckInfo> infos) {
        Map<String, CheckTally> m = new LinkedHashMap<>();
        for (CheckInfo i : infos) {
            m.put(i.id(), new CheckTally(i.tierDays()));
        }
        return m;
    }
}
