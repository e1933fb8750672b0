package io.trailhound.core.event;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Decodes one record from a streaming parser into a {@link CloudTrailEvent}: the hot fields are
 * read as their tokens pass, every other value is skipped without building objects (the raw bytes,
 * captured by the reader, keep it). Field names come from Jackson's symbol table, so the switches
 * below compare interned strings and allocate nothing per field.
 */
public final class CloudTrailEventDecoder {
    private static final String STS = "sts.amazonaws.com";

    // Set by decodeRoot: a "Records" member makes the object a log file's wrapper, not a record.
    private boolean wrapperAllowed;
    private boolean atRecords;
    // The parser offset of the record being decoded, or -1 when member spans are not noted.
    private long recordStart;

    /**
     * Decodes the object whose START_OBJECT is the parser's current token. {@code pendingField}
     * is a field name the caller already consumed while sniffing the shape, or null. Returns with
     * the parser on the record's END_OBJECT.
     */
    public CloudTrailEvent decode(JsonParser p, String pendingField) throws IOException {
        wrapperAllowed = false;
        atRecords = false;
        return decodeRecord(p, pendingField);
    }

    /**
     * As {@link #decode}, for an object that may instead be the wrapper of an S3 log file (no
     * record has a top-level {@code "Records"} member): when the object has one (first or not),
     * decoding stops there and null is returned with the parser on that member's value, for the
     * caller to read the records from.
     */
    public CloudTrailEvent decodeRoot(JsonParser p) throws IOException {
        wrapperAllowed = true;
        atRecords = false;
        CloudTrailEvent e = decodeRecord(p, null);
        return atRecords ? null : e;
    }

    private CloudTrailEvent decodeRecord(JsonParser p, String pendingField) throws IOException {
        CloudTrailEvent e = new CloudTrailEvent();
        // Member spans count from the record's '{', the parser's current token unless a field was read already.
        recordStart = pendingField == null && p.currentToken() == JsonToken.START_OBJECT ? MemberSpans.tokenOffset(p) : -1;
        decodeFields(p, e, pendingField, true);
        e.spansKnown = recordStart >= 0 && !e.enveloped;
        if (atRecords) {
            return e;
        }
        if (e.userIdentity == null) {
            e.userIdentity = new UserIdentity();
        }
        e.eventTimeMillis = IsoInstants.parseMillis(e.eventTimeText);
        if (e.sts != null && !STS.equals(e.eventSource)) {
            e.sts = null; // read before eventSource said it was not STS
        }
        return e;
    }

    /** STS, or not known yet: records put eventSource before the parameters, but nothing requires it. */
    private static boolean mayBeSts(CloudTrailEvent e) {
        return e.eventSource == null || STS.equals(e.eventSource);
    }

    /**
     * Decodes one whole record held in {@code raw} (a record the store or a spill file kept, read
     * again): the event, with the bytes and {@code position} attached. Throws on bytes that are not
     * one JSON object.
     */
    public CloudTrailEvent decodeRecord(com.fasterxml.jackson.core.JsonFactory json, byte[] raw, SourcePosition position)
            throws IOException {
        try (JsonParser p = json.createParser(raw)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            return attach(decode(p, null), raw, position);
        }
    }

    /** Gives a decoded event the raw bytes it was decoded from and where they were read. */
    public static CloudTrailEvent attach(CloudTrailEvent e, byte[] raw, SourcePosition position) {
        e.spansKnown &= MemberSpans.fit(raw, e.requestSpan, e.responseSpan, e.additionalSpan);
        e.raw = raw;
        e.position = position;
        return e;
    }

    private void decodeFields(JsonParser p, CloudTrailEvent e, String pendingField, boolean topLevel)
            throws IOException {
        String name = pendingField != null ? pendingField : p.nextFieldName();
        while (name != null) {
            JsonToken t = p.nextToken();
            switch (name) {
                case "eventVersion" -> e.eventVersion = text(p, t);
                case "eventTime" -> e.eventTimeText = text(p, t);
                case "eventID" -> e.eventID = text(p, t);
                case "eventSource" -> e.eventSource = text(p, t);
                case "eventName" -> e.eventName = text(p, t);
                case "awsRegion" -> e.awsRegion = text(p, t);
                case "sourceIPAddress" -> e.sourceIPAddress = text(p, t);
                case "userAgent" -> e.userAgent = text(p, t);
                case "errorCode" -> e.errorCode = text(p, t);
                case "errorMessage" -> e.errorMessage = text(p, t);
                case "readOnly" -> e.readOnly = bool(p, t);
                case "eventType" -> e.eventType = text(p, t);
                case "managementEvent" -> e.managementEvent = bool(p, t);
                case "eventCategory" -> e.eventCategory = text(p, t);
                case "recipientAccountId" -> e.recipientAccountId = text(p, t);
                case "sharedEventID" -> e.sharedEventID = text(p, t);
                case "requestID" -> e.requestID = text(p, t);
                case "sessionCredentialFromConsole" -> e.sessionCredentialFromConsole = Boolean.TRUE.equals(bool(p, t));
                case "userIdentity" -> {
                    if (t == JsonToken.START_OBJECT) {
                        e.userIdentity = userIdentity(p);
                    } else {
                        p.skipChildren();
                    }
                }
                case "requestParameters" -> {
                    long from = MemberSpans.tokenOffset(p);
                    if (t == JsonToken.START_OBJECT && mayBeSts(e)) {
                        stsRequest(p, sts(e));
                    } else {
                        p.skipChildren();
                    }
                    e.requestSpan = MemberSpans.of(p, t, topLevel ? recordStart : -1, from);
                }
                case "responseElements" -> {
                    long from = MemberSpans.tokenOffset(p);
                    if (t == JsonToken.START_OBJECT && mayBeSts(e)) {
                        stsResponse(p, sts(e));
                    } else {
                        p.skipChildren();
                    }
                    e.responseSpan = MemberSpans.of(p, t, topLevel ? recordStart : -1, from);
                }
                case "additionalEventData" -> {
                    long from = MemberSpans.tokenOffset(p);
                    p.skipChildren();
                    e.additionalSpan = MemberSpans.of(p, t, topLevel ? recordStart : -1, from);
                }
                case "detail" -> {
                    // EventBridge delivers "AWS API Call via CloudTrail" with the record under detail.
                    if (topLevel && t == JsonToken.START_OBJECT && e.eventName == null) {
                        e.enveloped = true;
                        decodeFields(p, e, null, false);
                    } else {
                        p.skipChildren();
                    }
                }
                case "Records" -> {
                    if (topLevel && wrapperAllowed) {
                        atRecords = true;
                        return;
                    }
                    p.skipChildren();
                }
                default -> p.skipChildren();
            }
            name = p.nextFieldName();
        }
    }

    private static StsFields sts(CloudTrailEvent e) {
        if (e.sts == null) {
            e.sts = new StsFields();
        }
        return e.sts;
    }

    private static void stsRequest(JsonParser p, StsFields s) throws IOException {
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            JsonToken t = p.nextToken();
            switch (name) {
                case "roleArn" -> s.roleArn = text(p, t);
                case "roleSessionName" -> s.roleSessionName = text(p, t);
                case "sourceIdentity" -> s.requestSourceIdentity = text(p, t);
                case "serialNumber" -> s.serialNumber = text(p, t);
                case "name" -> s.federationName = text(p, t);
                case "principalArn" -> s.principalArn = text(p, t);
                case "targetPrincipal" -> s.targetPrincipal = text(p, t);
                default -> p.skipChildren();
            }
        }
    }

    private static void stsResponse(JsonParser p, StsFields s) throws IOException {
        s.responseSeen = true;
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            JsonToken t = p.nextToken();
            switch (name) {
                case "credentials" -> {
                    if (t == JsonToken.START_OBJECT) {
                        for (String n = p.nextFieldName(); n != null; n = p.nextFieldName()) {
                            JsonToken vt = p.nextToken();
                            switch (n) {
                                case "accessKeyId" -> s.accessKeyId = text(p, vt);
                                case "expiration" -> s.expiration = text(p, vt);
                                default -> p.skipChildren();
                            }
                        }
                    } else {
                        p.skipChildren();
                    }
                }
                case "assumedRoleUser" -> s.assumedRoleArn = arnOf(p, t);
                case "federatedUser" -> s.federatedUserArn = arnOf(p, t);
                case "sourceIdentity" -> s.responseSourceIdentity = text(p, t);
                case "subject" -> s.subject = text(p, t);
                case "subjectFromWebIdentityToken" -> s.subjectFromWebIdentityToken = text(p, t);
                case "provider" -> s.provider = text(p, t);
                default -> p.skipChildren();
            }
        }
    }

    /** The "arn" of an object value ({@code assumedRoleUser}, {@code federatedUser}). */
    private static String arnOf(JsonParser p, JsonToken t) throws IOException {
        if (t != JsonToken.START_OBJECT) {
            p.skipChildren();
            return null;
        }
        String arn = null;
        for (String n = p.nextFieldName(); n != null; n = p.nextFieldName()) {
            JsonToken vt = p.nextToken();
            if (n.equals("arn")) {
                arn = text(p, vt);
            } else {
                p.skipChildren();
            }
        }
        return arn;
    }

    private UserIdentity userIdentity(JsonParser p) throws IOException {
        UserIdentity u = new UserIdentity();
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            JsonToken t = p.nextToken();
            switch (name) {
                case "type" -> u.type = text(p, t);
                case "principalId" -> u.principalId = text(p, t);
                case "arn" -> u.arn = text(p, t);
                case "accountId" -> u.accountId = text(p, t);
                case "accessKeyId" -> u.accessKeyId = emptyToNull(text(p, t));
                case "userName" -> u.userName = text(p, t);
                case "invokedBy" -> u.invokedBy = text(p, t);
                case "identityProvider" -> u.identityProvider = text(p, t);
                case "credentialId" -> u.credentialId = text(p, t);
                case "sourceIdentity" -> {
                    String v = text(p, t);
                    if (u.sourceIdentity == null) {
                        u.sourceIdentity = v;
                    }
                }
                case "sessionContext" -> {
                    if (t == JsonToken.START_OBJECT) {
                        sessionContext(p, u);
                    } else {
                        p.skipChildren();
                    }
                }
                case "onBehalfOf" -> {
                    if (t == JsonToken.START_OBJECT) {
                        for (String n = p.nextFieldName(); n != null; n = p.nextFieldName()) {
                            JsonToken vt = p.nextToken();
                            switch (n) {
                                case "userId" -> u.onBehalfOfUserId = text(p, vt);
                                case "identityStoreArn" -> u.onBehalfOfIdentityStoreArn = text(p, vt);
                                default -> p.skipChildren();
                            }
                        }
                    } else {
                        p.skipChildren();
                    }
                }
                case "inScopeOf" -> {
                    if (t == JsonToken.START_OBJECT) {
                        String issuerType = null, issuedTo = null, sourceArn = null, sourceAccount = null;
                        for (String n = p.nextFieldName(); n != null; n = p.nextFieldName()) {
                            JsonToken vt = p.nextToken();
                            switch (n) {
                                case "issuerType" -> issuerType = text(p, vt);
                                case "credentialsIssuedTo" -> issuedTo = text(p, vt);
                                case "sourceArn" -> sourceArn = text(p, vt);
                                case "sourceAccount" -> sourceAccount = text(p, vt);
                                default -> p.skipChildren();
                            }
                        }
                        u.inScopeOf = new UserIdentity.InScopeOf(issuerType, issuedTo, sourceArn, sourceAccount);
                    } else {
                        p.skipChildren();
                    }
                }
                default -> p.skipChildren();
            }
        }
        return u;
    }

    private void sessionContext(JsonParser p, UserIdentity u) throws IOException {
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            JsonToken t = p.nextToken();
            switch (name) {
                case "attributes" -> {
                    if (t == JsonToken.START_OBJECT) {
                        for (String n = p.nextFieldName(); n != null; n = p.nextFieldName()) {
                            JsonToken vt = p.nextToken();
                            switch (n) {
                                case "creationDate" -> u.sessionCreationDate = text(p, vt);
                                case "mfaAuthenticated" -> u.mfaAuthenticated = bool(p, vt);
                                default -> p.skipChildren();
                            }
                        }
                    } else {
                        p.skipChildren();
                    }
                }
                case "sessionIssuer" -> {
                    if (t == JsonToken.START_OBJECT) {
                        String type = null, principalId = null, arn = null, accountId = null, userName = null;
                        for (String n = p.nextFieldName(); n != null; n = p.nextFieldName()) {
                            JsonToken vt = p.nextToken();
                            switch (n) {
                                case "type" -> type = text(p, vt);
                                case "principalId" -> principalId = text(p, vt);
                                case "arn" -> arn = text(p, vt);
                                case "accountId" -> accountId = text(p, vt);
                                case "userName" -> userName = text(p, vt);
                                default -> p.skipChildren();
                            }
                        }
                        // IAM-user console and MFA sessions carry an empty sessionIssuer: {}.
                        if (type != null || arn != null || principalId != null) {
                            u.sessionIssuer = new UserIdentity.SessionIssuer(type, principalId, arn, accountId, userName);
                        }
                    } else {
                        p.skipChildren();
                    }
                }
                case "sourceIdentity" -> u.sourceIdentity = text(p, t);
                case "ec2RoleDelivery" -> u.ec2RoleDelivery = text(p, t);
                case "assumedRoot" -> u.assumedRoot = Boolean.TRUE.equals(bool(p, t));
                case "signInSessionArn" -> u.signInSessionArn = text(p, t);
                case "webIdFederationData" -> {
                    if (t == JsonToken.START_OBJECT) {
                        for (String n = p.nextFieldName(); n != null; n = p.nextFieldName()) {
                            JsonToken vt = p.nextToken();
                            if (n.equals("federatedProvider")) {
                                u.webIdFederatedProvider = text(p, vt);
                            } else {
                                p.skipChildren();
                            }
                        }
                    } else {
                        p.skipChildren();
                    }
                }
                default -> p.skipChildren();
            }
        }
    }

    /** A scalar as text; null for JSON null and for objects/arrays (which are skipped). */
    private static String text(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_STRING) {
            return p.getText();
        }
        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
            p.skipChildren();
            return null;
        }
        return t == JsonToken.VALUE_NULL ? null : p.getText();
    }

    /** A boolean written as JSON true/false or as the strings "true"/"false" (CloudTrail uses both). */
    private static Boolean bool(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_TRUE) {
            return Boolean.TRUE;
        }
        if (t == JsonToken.VALUE_FALSE) {
            return Boolean.FALSE;
        }
        String s = text(p, t);
        if (s == null) {
            return null;
        }
        return "true".equalsIgnoreCase(s) ? Boolean.TRUE : "false".equalsIgnoreCase(s) ? Boolean.FALSE : null;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
