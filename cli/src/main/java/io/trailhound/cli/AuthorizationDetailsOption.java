package io.trailhound.cli;

import io.trailhound.core.identity.TrustPolicies;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --authorization-details}, on every command that attributes (scan, watch, flink). */
final class AuthorizationDetailsOption {
    @Option(names = "--authorization-details", paramLabel = "FILE",
            description = "Output of 'aws iam get-account-authorization-details' (repeat per account): roles whose trust "
                    + "policy pins sts:RoleSessionName to $${aws:username} let a session name assert the IAM user.")
    List<Path> files = new ArrayList<>();

    boolean given() {
        return !files.isEmpty();
    }

    /** The trust policies of the files given (none without); an unreadable file is a usage error. */
    TrustPolicies read() {
        try {
            return TrustPolicies.read(files);
        } catch (IOException e) {
            throw new IllegalArgumentException("--authorization-details: " + e.getMessage(), e);
        }
    }
}
