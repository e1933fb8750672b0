package io.trailhound.cli;

import io.trailhound.aws.securityhub.FindingsImport;
import io.trailhound.cli.output.SecurityHubImport;
import picocli.CommandLine.Option;

/**
 * {@code --securityhub} on the commands that write ASFF: import the findings into Security Hub
 * (BatchImportFindings, batches of at most 100) instead of printing them. Security Hub takes a
 * finding only in the region of its ProductArn, so the import goes to --asff-region.
 */
final class SecurityHubOption {
    @Option(names = "--securityhub",
            description = "With --format asff: import the findings into Security Hub (BatchImportFindings in the "
                    + "--asff-region, batches of at most 100, throttling retried) instead of printing them; prints a JSON "
                    + "summary, names refused findings on stderr and exits 2 if any was refused. Finding ids are stable: "
                    + "a re-run updates the same findings. Credentials: --profile or the default chain.")
    boolean enabled;

    /** The import to feed the batches to, or null without --securityhub; usage errors before any call. */
    SecurityHubImport open(boolean asff, AwsOptions aws, String asffRegion) {
        if (!enabled) {
            return null;
        }
        if (!asff) {
            throw new IllegalArgumentException("--securityhub imports ASFF findings: use it with --format asff");
        }
        if (aws.region != null && !aws.region.equals(asffRegion)) {
            throw new IllegalArgumentException("--securityhub imports into the region of the findings' ProductArn, --asff-region "
                    + asffRegion + ", not --region " + TerminalText.escape(aws.region) + ": give --asff-region "
                    + TerminalText.escape(aws.region));
        }
        return new SecurityHubImport(new FindingsImport(aws.settings(), asffRegion), System.err);
    }
}
