package io.trailhound.cli;

import io.trailhound.core.output.AsffTarget;
import picocli.CommandLine.Option;

/** Where ASFF findings are for, on every command that writes them (scan, watch, audit, export). */
final class AsffOptions {
    @Option(names = "--asff-region", paramLabel = "REGION", defaultValue = "us-east-1",
            description = "With --format asff: the Security Hub region of the findings' ProductArn, where --securityhub "
                    + "imports them (default: ${DEFAULT-VALUE}).")
    String region;

    @Option(names = "--asff-account", paramLabel = "ID",
            description = "With --format asff: the importing account in ProductArn (default: each finding's own account).")
    String account;

    AsffTarget target() {
        return new AsffTarget(region, account);
    }
}
