package io.trailhound.flink;

import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.event.IsoInstants;
import io.trailhound.core.event.UserIdentity;
import io.trailhound.core.identity.CredentialLedger;
import io.trailhound.core.identity.Issuance;
import java.util.ArrayList;
import java.util.List;

/**
 * The IDs the job partitions attribution by. A credential (the key attribution state is kept
 * under) is the core's credential key (an access key; for records without one, a hash of the
 * identity they name). A ledger entry is found by the IDs the core's ledger looks it up by: {@code k:} an issued access
 * key, {@code s:} a session ARN and start second (console sessions), {@code a:} a session ARN (the
 * SwitchRole links into it). What a credential needs is what the core's resolver may look up for
 * it: its own IDs, then, hop by hop, those of each issuance's caller.
 */
final class LedgerIds {
    private LedgerIds() {
    }

    /** The credential an event was made with, as the core keys it (and a store keys its row). */
    static String credentialOf(CloudTrailEvent e) {
        return io.trailhound.core.identity.Credentials.keyOf(e);
    }

    /** The IDs an entry is stored under. */
    static List<String> idsOf(Issuance i) {
        List<String> ids = new ArrayList<>(2);
        ids.add("k:" + i.accessKeyId());
        if (i.sessionArn() != null) {
            ids.add(session(i.sessionArn(), i.issuedAt()));
        }
        return ids;
    }

    static String idOf(CredentialLedger.SwitchLink s) {
        return "a:" + s.sessionArn();
    }

    /** What resolving an event may look up: its key, its session, the SwitchRole links into its session. */
    static List<String> needsOf(CloudTrailEvent e) {
        UserIdentity u = e.userIdentity();
        return u == null ? List.of() : needs(u.accessKeyId(), u.arn(), u.sessionCreationDate());
    }

    /** What continuing the walk past an issuance may look up: the same IDs of its caller. */
    static List<String> needsOf(Issuance i) {
        return needs(i.caller().accessKeyId(), i.caller().arn(), i.caller().sessionCreationDate());
    }

    private static List<String> needs(String key, String arn, String created) {
        List<String> ids = new ArrayList<>(3);
        if (key != null) {
            ids.add("k:" + key);
        }
        if (arn != null) {
            if (created != null) {
                long start = IsoInstants.parseMillis(created);
                if (start != Long.MIN_VALUE) {
                    ids.add(session(arn, start));
                }
            }
            ids.add("a:" + arn);
        }
        return ids;
    }

    /** To the second, as the ledger matches sessions. */
    private static String session(String arn, long millis) {
        return "s:" + arn + "@" + Math.floorDiv(millis, 1000);
    }
}
