package io.trailhound.core.posture;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An IAM credential report: where it came from, when AWS generated it (known only from the JSON
 * of {@code get-credential-report}; a bare CSV does not say) and its rows, root included.
 */
public record CredentialReport(String source, Instant generatedTime, List<CredentialReportRow> rows) {

    /**
     * The moment the report describes: its generation time, else the newest timestamp in it (a
     * report cannot predate its newest entry). Never the wall clock, so a re-run of an old report
     * gives the same answer.
     */
    public Optional<Instant> asOf() {
        if (generatedTime != null) {
            return Optional.of(generatedTime);
        }
        Instant newest = null;
        for (CredentialReportRow r : rows) {
            for (Instant t : new Instant[] {r.userCreationTime(), r.passwordLastUsed(), r.passwordLastChanged(),
                r.key1().lastRotated(), r.key1().lastUsed(), r.key2().lastRotated(), r.key2().lastUsed()}) {
                if (t != null && (newest == null || t.isAfter(newest))) {
                    newest = t;
                }
            }
        }
        return Optional.ofNullable(newest);
    }

    /** The account id from the root ARN or any user ARN ({@code arn:aws:iam::<account>:...}), if there is one. */
    public Optional<String> accountId() {
        for (CredentialReportRow r : rows) {
            String[] parts = r.arn() == null ? new String[0] : r.arn().split(":", 6);
            if (parts.length >= 5 && parts[4].matches("\\d{12}")) {
                return Optional.of(parts[4]);
            }
        }
        return Optional.empty();
    }
}
