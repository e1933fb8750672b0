package io.trailhound.core.posture;

import io.trailhound.core.identity.RoleTrust;
import java.util.List;

/**
 * What one account supplied to the audit. Any part may be null: it was not collected, and the
 * checks that need it report nothing (rather than "compliant") for that account.
 */
public record AccountInputs(String accountId, CredentialReport credentialReport, PasswordPolicy passwordPolicy,
                            List<RoleTrust> roles) {
}
