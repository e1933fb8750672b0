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

    /**
     * @param asOfOverride evaluate as of this moment; null: each account's report generation time,
     *                     and for reports that do not say (a bare CSV) the newest timestamp in all the
     *                     organisation's reports, so every account is judged as of one moment
     */
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
        Instant undatedAsOf = asOfOverride != null ? null : undatedAsOf(source, notes);
        for (String account : source.accounts()) {
            progress.accept(account);
            AccountInputs in = source.load(account);
            Instant when = asOf(in, undatedAsOf);
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

    private Instant asOf(AccountInputs in, Instant undatedAsOf) {
        if (asOfOverride != null) {
            return asOfOverride;
        }
        CredentialReport r = in.credentialReport();
        if (r == null || r.asOf().isEmpty()) {
            return null;
        }
        return r.generatedTime() != null ? r.generatedTime() : undatedAsOf;
    }

    /**
     * A first pass over the reports for the moment to judge undated ones by: the newest timestamp
     * in any of the organisation's reports (an account whose users were last active months ago is
     * still judged as of the audit, not as of its own last activity). Null when every report is dated.
     */
    private static Instant undatedAsOf(PostureSource source, List<String> notes) throws IOException {
        Instant newest = null;
        int undated = 0;
        for (String account : source.accounts()) {
            CredentialReport r = source.load(account).credentialReport();
            if (r == null || r.asOf().isEmpty()) {
                continue;
            }
            undated += r.generatedTime() == null ? 1 : 0;
            Instant t = r.asOf().get();
            newest = newest == null || t.isAfter(newest) ? t : newest;
        }
        if (undated == 0) {
            return null;
        }
        notes.add(undated + " credential report(s) do not say when they were generated (a downloaded CSV); evaluated "
                + "as of the newest timestamp in the organisation's reports, " + newest + " (use --as-of to choose)");
        return newest;
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
