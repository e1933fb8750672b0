package io.trailhound.core.identity;

import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.event.IsoInstants;
import io.trailhound.core.event.StsFields;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Reads an {@link Issuance} from a successful STS call that returned credentials, from the STS
 * fields the decoder keeps ({@link StsFields}).
 */
public final class IssuanceReader {
    /** STS writes expirations as "Jul 10, 2023, 12:09:47 PM" (also without the second comma), in UTC. */
    private static final DateTimeFormatter EXPIRATION_FORMAT = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .appendPattern("MMM d, yyyy[,] h:mm:ss a")
            .toFormatter(Locale.US);

    private IssuanceReader() {
    }

    /** The issuance this event records, or null when it issued no credentials (other events, failures). */
    public static Issuance read(CloudTrailEvent e) {
        IssuanceKind kind = IssuanceKind.of(e.eventName());
        if (kind == null || e.errorCode() != null || !"sts.amazonaws.com".equals(e.eventSource())) {
            return null;
        }
        StsFields sts = e.sts();
        return sts == null || !sts.responseSeen() ? null : fromDecoded(e, kind, sts);
    }

    /** From the STS fields the decoder read as the record streamed past: no tree is built. */
    private static Issuance fromDecoded(CloudTrailEvent e, IssuanceKind kind, StsFields s) {
        String key = s.accessKeyId();
        if (key == null || key.isEmpty()) {
            return null;
        }
        String subject = null, provider = null, sessionName = s.roleSessionName(), sessionArn = s.assumedRoleArn();
        switch (kind) {
            case ASSUME_ROLE_WITH_SAML -> {
                subject = s.subject();
                provider = s.principalArn();
            }
            case ASSUME_ROLE_WITH_WEB_IDENTITY -> {
                subject = s.subjectFromWebIdentityToken();
                provider = s.provider();
            }
            case GET_FEDERATION_TOKEN -> {
                sessionArn = s.federatedUserArn();
                sessionName = s.federationName();
            }
            default -> { }
        }
        String sourceIdentity = s.responseSourceIdentity() != null ? s.responseSourceIdentity() : s.requestSourceIdentity();
        Boolean mfa = s.serialNumber() != null ? Boolean.TRUE : e.userIdentity().mfaAuthenticated();
        return new Issuance(kind, key, Caller.of(e.userIdentity(), e.sessionCredentialFromConsole()), s.roleArn(),
                sessionArn, sessionName, sourceIdentity, subject, provider, mfa, e.eventTimeMillis(),
                expiration(s.expiration()), s.targetPrincipal(), e.recipientAccountId(), e.eventID(), e.sharedEventID(),
                e.requestID());
    }

    /**
     * Epoch millis of an STS expiration, or Long.MAX_VALUE (unknown: never reported as expired)
     * when absent, unreadable or outside the years {@link IsoInstants} accepts.
     */
    static long expiration(String s) {
        if (s == null || s.isBlank()) {
            return Long.MAX_VALUE;
        }
        long iso = IsoInstants.parseMillis(s);
        if (iso != Long.MIN_VALUE) {
            return iso;
        }
        long plain = StsExpiration.read(s); // STS's usual form, without the formatter
        if (plain != StsExpiration.NOT_READ) {
            return plain == Long.MIN_VALUE ? Long.MAX_VALUE : plain;
        }
        try {
            long t = IsoInstants.millisInRange(LocalDateTime.parse(s.trim(), EXPIRATION_FORMAT).toInstant(ZoneOffset.UTC));
            return t == Long.MIN_VALUE ? Long.MAX_VALUE : t;
        } catch (DateTimeParseException ex) {
            return Long.MAX_VALUE;
        }
    }

}
