package io.trailhound.core.posture;

import java.time.Duration;

/**
 * The limits the checks apply; defaults follow CIS AWS Foundations and the AWS Config rules.
 * All comparisons are strict: a key exactly 90 days old is not "older than 90 days".
 *
 * @param maxKeyAge           key-not-rotated: an active key older than this
 * @param unusedAfter         credentials-unused: a password or active key idle longer than this
 * @param consoleUnusedAfter  console-password-unused-45d: a password idle longer than this
 * @param keyAtCreation       key-at-user-creation: a key made within this of the user
 * @param rootRecentUse       root-recent-use: root used within this before the as-of time
 * @param minPasswordLength   password-policy-weak: at least this many characters
 * @param passwordReuse       password-policy-weak: remembers at least this many passwords
 * @param maxPasswordAge      password-policy-weak: passwords expire within this
 */
public record Thresholds(Duration maxKeyAge, Duration unusedAfter, Duration consoleUnusedAfter, Duration keyAtCreation,
                         Duration rootRecentUse, int minPasswordLength, int passwordReuse, Duration maxPasswordAge) {

    public static Thresholds defaults() {
        return new Thresholds(Duration.ofDays(90), Duration.ofDays(90), Duration.ofDays(45), Duration.ofSeconds(10),
                Duration.ofDays(90), 14, 24, Duration.ofDays(90));
    }
}
