/**
 * The IAM posture audit, a flow beside the events: a {@link PostureSource} ({@link DirectorySource}
 * on disk) yields one account at a time as {@link AccountInputs} (credential report, authorization
 * details, password policy, read by {@link CredentialReportParser} and {@link PasswordPolicyParser});
 * {@link PostureAudit} runs each {@link PostureCheck} of {@link PostureChecks}, described by its
 * {@link CheckInfo}, under {@link Thresholds}, and returns an {@link AuditResult} of {@link Finding}s
 * and {@link CheckTally} counts; {@link Priority#rank} orders principals by their findings.
 *
 * <p>Depends on Jackson and Commons CSV; on {@code identity} for the authorization-details reader it
 * shares with attribution ({@link io.trailhound.core.identity.AuthorizationDetails},
 * {@link io.trailhound.core.identity.RoleTrust}, {@link io.trailhound.core.identity.PolicyDocument});
 * and on {@link io.trailhound.core.rules.ir.Wildcard} for IAM action patterns in trust policies. It
 * never reads CloudTrail events; checks are stateless and an account's inputs are dropped once
 * checked. Its {@link Severity} is its own scale, not the rules'.
 */
package io.trailhound.core.posture;
