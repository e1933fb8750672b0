package io.trailhound.flink;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailhound.core.alert.AlertJson;
import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.event.UserIdentity;
import io.trailhound.core.identity.Attribution;
import java.time.Instant;

/**
 * One attributed event for the events sink: its NDJSON line and the partition it goes to
 * ({@code account=<recipientAccountId>/date=<yyyy-mm-dd>}). The line has the keys of
 * {@code trailhound search --format ndjson} except {@code raw} (the record stays in the files read).
 */
public class EventLine {
    public String account;
    public String date;
    public String line;

    public EventLine() {
    }

    static EventLine of(CloudTrailEvent e, String sourceIPAddress, String userAgent, Attribution a) {
        ObjectNode o = AlertJson.MAPPER.createObjectNode();
        Instant t = Instant.ofEpochMilli(e.eventTimeMillis());
        o.put("eventID", e.eventID());
        o.put("eventTime", t.toString());
        o.put("eventSource", e.eventSource());
        o.put("eventName", e.eventName());
        o.put("awsRegion", e.awsRegion());
        o.put("sourceIPAddress", sourceIPAddress);
        o.put("userAgent", userAgent);
        if (e.errorCode() != null) {
            o.put("errorCode", e.errorCode());
        }
        o.put("recipientAccountId", e.recipientAccountId());
        UserIdentity u = e.userIdentity();
        ObjectNode ui = o.putObject("userIdentity");
        ui.put("type", u == null ? null : u.type());
        ui.put("arn", u == null ? null : u.arn());
        ui.put("accessKeyId", u == null ? null : u.accessKeyId());
        if (u != null && u.sessionIssuer() != null && u.sessionIssuer().arn() != null) {
            ui.put("sessionIssuerArn", u.sessionIssuer().arn());
        }
        o.set("origin", AlertJson.origin(a));
        return in(e, o);
    }

    /**
     * A credential's answer changed after its events went out (an issuance read late): one record
     * {@code {"type":"attribution_update","credential":{...},"origin":{...}}} in the partition of its
     * latest event; every event made with the credential (same {@code userIdentity.accessKeyId}) now has this origin.
     */
    static EventLine update(String credential, CloudTrailEvent latest, Attribution a) {
        ObjectNode o = AlertJson.MAPPER.createObjectNode();
        o.put("type", "attribution_update");
        ObjectNode c = o.putObject("credential");
        UserIdentity u = latest.userIdentity();
        if (u != null && u.accessKeyId() != null) {
            c.put("accessKeyId", u.accessKeyId());
        } else {
            c.put("id", credential); // the core's key for a credential without one (see Credentials.keyOf)
            c.put("arn", u == null ? null : u.arn());
        }
        o.set("origin", AlertJson.origin(a));
        return in(latest, o);
    }

    private static EventLine in(CloudTrailEvent e, ObjectNode o) {
        EventLine l = new EventLine();
        l.account = e.recipientAccountId() == null ? "unknown" : e.recipientAccountId();
        l.date = Instant.ofEpochMilli(e.eventTimeMillis()).toString().substring(0, 10);
        l.line = AlertJson.line(o);
        return l;
    }
}
