package io.trailhound.core.identity;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.event.FieldPath;
import io.trailhound.core.event.IsoInstants;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Reads an {@link Issuance} from a successful STS call that returned credentials. Only these
 * records are parsed past their hot fields, so the cost stays off ordinary events.
 */
public final class IssuanceReader {
    private static final FieldPath ISSUED_KEY = FieldPath.compile("responseElements.credentials.accessKeyId");
    private static final FieldPath EXPIRATION = FieldPath.compile("responseElements.credentials.expiration");
    private static final FieldPath ROLE_ARN = FieldPath.compile("requestParameters.roleArn");
    private static final FieldPath SESSION_NAME = FieldPath.compile("requestParameters.roleSessionName");
    private static final FieldPath ASSUMED_ARN = FieldPath.compile("responseElements.assumedRoleUser.arn");
    private static final FieldPath FEDERATED_ARN = FieldPath.compile("responseElements.federatedUser.arn");
    private static final FieldPath FEDERATED_NAME = FieldPath.compile("requestParameters.name");
    private static final FieldPath SOURCE_IDENTITY_OUT = FieldPath.compile("responseElements.sourceIdentity");
    private static final FieldPath SOURCE_IDENTITY_IN = FieldPath.compile("requestParameters.sourceIdentity");
    private static final FieldPath SAML_SUBJECT = FieldPath.compile("responseElements.subject");
    private static final FieldPath SAML_PROVIDER = FieldPath.compile("requestParameters.principalArn");
    private static final FieldPath WEB_SUBJECT = FieldPath.compile("responseElements.subjectFromWebIdentityToken");
    private static final FieldPath WEB_PROVIDER = FieldPath.compile("responseElements.provider");
    private static final FieldPath SERIAL_NUMBER = FieldPath.compile("requestParameters.serialNumber");
    private static final FieldPath TARGET = FieldPath.compile("requestParameters.targetPrincipal");

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
        String key = text(e, ISSUED_KEY);
        if (key == null || key.isEmpty()) {
            return null;
        }
        String subject = null, provider = null, sessionName = text(e, SESSION_NAME), sessionArn = text(e, ASSUMED_ARN);
        switch (kind) {
            case ASSUME_ROLE_WITH_SAML -> {
                subject = text(e, SAML_SUBJECT);
                provider = text(e, SAML_PROVIDER);
            }
            case ASSUME_ROLE_WITH_WEB_IDENTITY -> {
                subject = text(e, WEB_SUBJECT);
                provider = text(e, WEB_PROVIDER);
            }
            case GET_FEDERATION_TOKEN -> {
                sessionArn = text(e, FEDERATED_ARN);
                sessionName = text(e, FEDERATED_NAME);
            }
            default -> { }
        }
        String sourceIdentity = text(e, SOURCE_IDENTITY_OUT);
        if (sourceIdentity == null) {
            sourceIdentity = text(e, SOURCE_IDENTITY_IN);
        }
        Boolean mfa = e.userIdentity().mfaAuthenticated();
        if (text(e, SERIAL_NUMBER) != null) {
            mfa = Boolean.TRUE;
        }
        return new Issuance(kind, key, Caller.of(e.userIdentity(), e.sessionCredentialFromConsole()), text(e, ROLE_ARN),
                sessionArn, sessionName, sourceIdentity, subject, provider, mfa, e.eventTimeMillis(),
                expiration(text(e, EXPIRATION)), text(e, TARGET), e.recipientAccountId(), e.eventID(), e.sharedEventID(),
                e.requestID());
    }

    /** Epoch millis of an STS expiration, or Long.MAX_VALUE when absent or unreadable. */
    static long expiration(String s) {
        if (s == null || s.isBlank()) {
            return Long.MAX_VALUE;
        }
        long iso = IsoInstants.parseMillis(s);
        if (iso != Long.MIN_VALUE) {
            return iso;
        }
        try {
            return LocalDateTime.parse(s.trim(), EXPIRATION_FORMAT).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException ex) {
            return Long.MAX_VALUE;
        }
    }

    private static String text(CloudTrailEvent e, FieldPath path) {
        JsonNode n = e.at(path);
        return n == null || n.isNull() || n.isContainerNode() ? null : n.asText();
    }
}
