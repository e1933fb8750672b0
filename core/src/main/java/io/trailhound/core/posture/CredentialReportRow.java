package io.trailhound.core.posture;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One row of the IAM credential report. Timestamps are null where the report says {@code N/A},
 * {@code no_information} or {@code not_supported}, or where an older report lacks the column.
 *
 * @param passwordEnabled true/false, or null for {@code not_supported} (the root row: AWS does not
 *                        report whether root has a password, which is not the same as "no password")
 * @param line            the line of the report the row starts on, for messages
 */
public record CredentialReportRow(String user, String arn, Instant userCreationTime, Boolean passwordEnabled,
                                  Instant passwordLastUsed, Instant passwordLastChanged, boolean mfaActive,
                                  AccessKey key1, AccessKey key2, long line) {
    public static final String ROOT = "<root_account>";

    /** One of the (at most two) access keys; {@code lastRotated} is the creation time unless rotated. */
    public record AccessKey(int number, boolean active, Instant lastRotated, Instant lastUsed) {
        public static AccessKey absent(int number) {
            return new AccessKey(number, false, null, null);
        }
    }

    public boolean isRoot() {
        return ROOT.equals(user);
    }

    public boolean hasPassword() {
        return Boolean.TRUE.equals(passwordEnabled);
    }

    public List<AccessKey> activeKeys() {
        List<AccessKey> out = new ArrayList<>(2);
        if (key1.active()) {
            out.add(key1);
        }
        if (key2.active()) {
            out.add(key2);
        }
        return out;
    }
}
