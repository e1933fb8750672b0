package io.trailhound.core.output.parquet;

import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.event.SourcePosition;
import io.trailhound.core.event.UserIdentity;
import io.trailhound.core.identity.Attribution;
import io.trailhound.core.identity.Origin;
import io.trailhound.core.output.AttributionJson;
import java.time.LocalDate;

/**
 * One row of the events layout ({@link EventColumns}): an attributed event's hot columns, its
 * origin, and the raw record; or, for the credential-updates table, a credential's new answer.
 * Plain public fields and a no-argument constructor, so a Flink job can carry it between
 * operators as a POJO; a host writing in one thread reuses one instance ({@link #fill}).
 */
public class EventRow {
    public String eventID;
    public long eventTime;
    public String eventSource;
    public String eventName;
    public String awsRegion;
    public String sourceIPAddress;
    public String userAgent;
    public String errorCode;
    public String recipientAccountId;
    public String identityType;
    public String identityArn;
    public String identityAccountId;
    public String accessKeyId;
    public String sessionIssuerArn;
    public String sourceFile;
    public Long byteOffset;
    public String originType;
    public String originArn;
    public String originName;
    public String originLabel;
    public String originProvider;
    public String originAccount;
    public String confidence;
    public String reason;
    public String chain;
    public String anomalies;
    /** The record as read, UTF-8 JSON; null where the host does not carry it. */
    public byte[] raw;
    /** Credential updates only: the credential (its access key, or the core's id for one without) and when the answer changed. */
    public String credentialId;
    public long updatedAt;

    public EventRow() {
    }

    /**
     * Sets every event column from {@code e} (an identity copy will do: sourceIPAddress and
     * userAgent are given apart for that case), the raw bytes {@code e} holds, and the answer
     * {@code a} (null: a run without attribution).
     */
    public EventRow fill(CloudTrailEvent e, String sourceIPAddress, String userAgent, Attribution a) {
        eventID = e.eventID();
        eventTime = e.eventTimeMillis();
        eventSource = e.eventSource();
        eventName = e.eventName();
        awsRegion = e.awsRegion();
        this.sourceIPAddress = sourceIPAddress;
        this.userAgent = userAgent;
        errorCode = e.errorCode();
        recipientAccountId = e.recipientAccountId();
        UserIdentity u = e.userIdentity();
        identityType = u == null ? null : u.type();
        identityArn = u == null ? null : u.arn();
        identityAccountId = u == null ? null : u.accountId();
        accessKeyId = u == null ? null : u.accessKeyId();
        sessionIssuerArn = u == null || u.sessionIssuer() == null ? null : u.sessionIssuer().arn();
        SourcePosition p = e.position();
        sourceFile = p == null ? null : p.source();
        byteOffset = p == null ? null : p.byteOffset();
        raw = e.rawBytes();
        origin(a);
        return this;
    }

    public EventRow fill(CloudTrailEvent e, Attribution a) {
        return fill(e, e.sourceIPAddress(), e.userAgent(), a);
    }

    private transient Attribution lastAttribution; // transient: not a column, and Flink then keeps EventRow a POJO

    /** The origin columns; the JSON of chain and anomalies is made again only when the answer differs from the last row's. */
    public EventRow origin(Attribution a) {
        if (a == null) {
            originType = originArn = originName = originLabel = originProvider = originAccount = null;
            confidence = reason = chain = anomalies = null;
            lastAttribution = null;
            return this;
        }
        Origin o = a.origin();
        originType = o == null ? null : o.type();
        originArn = o == null ? null : o.arn();
        originName = o == null ? null : o.name();
        originLabel = o == null ? null : o.label();
        originProvider = o == null ? null : o.provider();
        originAccount = o == null ? null : o.account();
        confidence = a.confidence().jsonName();
        reason = a.reason();
        // Consecutive events mostly share a credential's answer (equal, if not the same object): keeping
        // the same JSON strings skips making them again, and the dictionary finds them by identity.
        if (a != lastAttribution && !a.equals(lastAttribution)) {
            chain = AttributionJson.chain(a.chain());
            anomalies = AttributionJson.strings(a.anomalies());
            lastAttribution = a;
        }
        return this;
    }

    /** The partition's account: recipientAccountId, {@code unknown} when absent, anything but letters, digits and '-' replaced. */
    public String partitionAccount() {
        return safe(recipientAccountId);
    }

    /** Log fields are attacker-controlled: only letters, digits and '-' reach a path. */
    public static String safe(String account) {
        if (account == null || account.isEmpty()) {
            return "unknown";
        }
        for (int i = 0; i < account.length(); i++) {
            char c = account.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '-')) {
                return account.replaceAll("[^A-Za-z0-9-]", "_");
            }
        }
        return account;
    }

    /** The event's UTC day, as days since the epoch. */
    public long day() {
        return Math.floorDiv(eventTime, 86_400_000L);
    }

    /** {@code account=<id>/date=<yyyy-mm-dd>}: the directory of this row's partition. */
    public static String partition(String account, long day) {
        return "account=" + account + "/date=" + LocalDate.ofEpochDay(day);
    }
}
