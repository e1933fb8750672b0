package io.trailhound.flink;

import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.event.UserIdentity;
import io.trailhound.core.identity.Attribution;
import io.trailhound.core.output.parquet.EventRow;
import java.time.LocalDate;

/**
 * One record for the events sink: an attributed event as a row of the events layout
 * ({@link io.trailhound.core.output.parquet.EventColumns#EVENTS}), or a credential's changed answer
 * ({@code update}, a row of {@code EventColumns.UPDATES}), with the partition it goes to
 * ({@code account=<recipientAccountId>/date=<yyyy-mm-dd>}). The record itself ({@code raw}) does
 * not travel through the job (it stays in the files read), so that column is null here.
 */
public class EventLine {
    public String account;
    public String date;
    public boolean update;
    public EventRow row;

    public EventLine() {
    }

    static EventLine of(CloudTrailEvent e, String sourceIPAddress, String userAgent, Attribution a) {
        return in(new EventRow().fill(e, sourceIPAddress, userAgent, a), false);
    }

    /**
     * A credential's answer changed after its events went out (an issuance read late): one row
     * for the credential in the partition of its latest event; every event made with it (same
     * {@code accessKeyId}, or for a credential without a key, the same {@code credentialId}) now
     * has this origin. {@code updatedAt} orders a credential's updates: the latest is its answer.
     */
    static EventLine update(String credential, CloudTrailEvent latest, Attribution a) {
        EventRow r = new EventRow();
        UserIdentity u = latest.userIdentity();
        r.credentialId = credential; // the access key, or the core's key for a credential without one (Credentials.keyOf)
        r.accessKeyId = u == null ? null : u.accessKeyId();
        r.identityArn = u == null ? null : u.arn();
        r.recipientAccountId = latest.recipientAccountId();
        r.eventTime = latest.eventTimeMillis();
        r.updatedAt = System.currentTimeMillis();
        r.origin(a);
        return in(r, true);
    }

    private static EventLine in(EventRow r, boolean update) {
        EventLine l = new EventLine();
        l.account = r.partitionAccount();
        l.date = LocalDate.ofEpochDay(r.day()).toString();
        l.update = update;
        l.row = r;
        return l;
    }
}
