package io.trailhound.synth;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;

import java.io.IOException;

import static io.trailhound.synth.SerializedStrings.name;

/**
 * Serialises a {@link TrailEvent} as a CloudTrail record, fields in the order CloudTrail writes
 * them. The shapes follow real records (see the shared datasets): userIdentity per identity type,
 * sessionContext with sessionIssuer and attributes, tlsDetails, sessionCredentialFromConsole.
 * Field names and repeating values are written pre-encoded (see {@link SerializedStrings}).
 */
final class CloudTrailRecordWriter {
    private static final SerializableString EVENT_VERSION = name("eventVersion");
    private static final SerializableString USER_IDENTITY = name("userIdentity");
    private static final SerializableString EVENT_TIME = name("eventTime");
    private static final SerializableString EVENT_SOURCE = name("eventSource");
    private static final SerializableString EVENT_NAME = name("eventName");
    private static final SerializableString AWS_REGION = name("awsRegion");
    private static final SerializableString SOURCE_IP = name("sourceIPAddress");
    private static final SerializableString USER_AGENT = name("userAgent");
    private static final SerializableString ERROR_CODE = name("errorCode");
    private static final SerializableString ERROR_MESSAGE = name("errorMessage");
    private static final SerializableString REQUEST_PARAMETERS = name("requestParameters");
    private static final SerializableString RESPONSE_ELEMENTS = name("responseElements");
    private static final SerializableString ADDITIONAL_EVENT_DATA = name("additionalEventData");
    private static final SerializableString REQUEST_ID = name("requestID");
    private static final SerializableString EVENT_ID = name("eventID");
    private static final SerializableString READ_ONLY = name("readOnly");
    private static final SerializableString RESOURCES = name("resources");
    private static final SerializableString EVENT_TYPE = name("eventType");
    private static final SerializableString MANAGEMENT_EVENT = name("managementEvent");
    private static final SerializableString RECIPIENT = name("recipientAccountId");
    private static final SerializableString SHARED_EVENT_ID = name("sharedEventID");
    private static final SerializableString EVENT_CATEGORY = name("eventCategory");
    private static final SerializableString TLS_DETAILS = name("tlsDetails");
    private static final SerializableString TLS_VERSION = name("tlsVersion");
    private static final SerializableString CIPHER_SUITE = name("cipherSuite");
    private static final SerializableString HOST_HEADER = name("clientProvidedHostHeader");
    private static final SerializableString FROM_CONSOLE = name("sessionCredentialFromConsole");
    private static final SerializableString TYPE = name("type");
    private static final SerializableString PRINCIPAL_ID = name("principalId");
    private static final SerializableString ARN = name("arn");
    private static final SerializableString ACCOUNT_ID = name("accountId");
    private static final SerializableString ACCESS_KEY_ID = name("accessKeyId");
    private static final SerializableString USER_NAME = name("userName");
    private static final SerializableString INVOKED_BY = name("invokedBy");
    private static final SerializableString IDENTITY_PROVIDER = name("identityProvider");
    private static final SerializableString SESSION_CONTEXT = name("sessionContext");
    private static final SerializableString SESSION_ISSUER = name("sessionIssuer");
    private static final SerializableString WEB_ID_FEDERATION_DATA = name("webIdFederationData");
    private static final SerializableString FEDERATED_PROVIDER = name("federatedProvider");
    private static final SerializableString ATTRIBUTES = name("attributes");
    private static final SerializableString CREATION_DATE = name("creationDate");
    private static final SerializableString MFA_AUTHENTICATED = name("mfaAuthenticated");
    private static final SerializableString SOURCE_IDENTITY = name("sourceIdentity");
    private static final SerializableString EC2_ROLE_DELIVERY = name("ec2RoleDelivery");
    private static final SerializableString ASSUMED_ROOT = name("assumedRoot");
    private static final SerializableString IN_SCOPE_OF = name("inScopeOf");

    private final TimeFormats times = new TimeFormats();
    private final SerializedStrings values = new SerializedStrings();

    void write(JsonGenerator g, TrailEvent e) throws IOException {
        g.writeStartObject();
        field(g, EVENT_VERSION, e.eventVersion);
        writeIdentity(g, e);
        field(g, EVENT_TIME, times.iso(e.time));
        field(g, EVENT_SOURCE, e.eventSource);
        field(g, EVENT_NAME, e.eventName);
        field(g, AWS_REGION, e.region.code);
        field(g, SOURCE_IP, e.sourceIp);
        field(g, USER_AGENT, e.userAgent);
        if (e.errorCode != null) {
            field(g, ERROR_CODE, e.errorCode);
        }
        if (e.errorMessage != null) {
            g.writeFieldName(ERROR_MESSAGE);
            g.writeString(e.errorMessage);
        }
        body(g, REQUEST_PARAMETERS, e.requestParameters);
        body(g, RESPONSE_ELEMENTS, e.responseElements);
        if (e.additionalEventData != null) {
            body(g, ADDITIONAL_EVENT_DATA, e.additionalEventData);
        }
        g.writeFieldName(REQUEST_ID);
        g.writeString(e.requestId);
        g.writeFieldName(EVENT_ID);
        g.writeString(e.eventId);
        g.writeFieldName(READ_ONLY);
        g.writeBoolean(e.readOnly);
        if (e.resources != null) {
            body(g, RESOURCES, e.resources);
        }
        field(g, EVENT_TYPE, e.eventType);
        g.writeFieldName(MANAGEMENT_EVENT);
        g.writeBoolean(true);
        field(g, RECIPIENT, e.recipient.id);
        if (e.sharedEventId != null) {
            g.writeFieldName(SHARED_EVENT_ID);
            g.writeString(e.sharedEventId);
        }
        field(g, EVENT_CATEGORY, "Management");
        if (e.tlsHost != null) {
            g.writeFieldName(TLS_DETAILS);
            g.writeStartObject();
            field(g, TLS_VERSION, e.tls13 ? "TLSv1.3" : "TLSv1.2");
            field(g, CIPHER_SUITE, e.tls13 ? "TLS_AES_128_GCM_SHA256" : "ECDHE-RSA-AES128-GCM-SHA256");
            field(g, HOST_HEADER, e.tlsHost);
            g.writeEndObject();
        }
        if (e.identityKind == TrailEvent.IdentityKind.CREDENTIAL && e.credential.fromConsole() && !e.omitAccessKey) {
            field(g, FROM_CONSOLE, "true");
        }
        g.writeEndObject();
    }

    private void field(JsonGenerator g, SerializableString name, String value) throws IOException {
        g.writeFieldName(name);
        g.writeString(values.of(value));
    }

    private static void body(JsonGenerator g, SerializableString name, JsonBody body) throws IOException {
        g.writeFieldName(name);
        if (body == null) {
            g.writeNull();
        } else {
            body.write(g);
        }
    }

    private void writeIdentity(JsonGenerator g, TrailEvent e) throws IOException {
        g.writeFieldName(USER_IDENTITY);
        g.writeStartObject();
        switch (e.identityKind) {
            case CREDENTIAL -> writeCredentialIdentity(g, e.credential, e.omitAccessKey);
            case AWS_SERVICE -> field(g, TYPE, "AWSService");
            case AWS_ACCOUNT -> {
                field(g, TYPE, "AWSAccount");
                field(g, PRINCIPAL_ID, e.principalId);
                field(g, ACCOUNT_ID, e.identityAccountId);
            }
            case SAML_USER, WEB_IDENTITY_USER -> {
                field(g, TYPE, e.identityKind == TrailEvent.IdentityKind.SAML_USER ? "SAMLUser" : "WebIdentityUser");
                field(g, PRINCIPAL_ID, e.principalId);
                field(g, USER_NAME, e.identityUserName);
                field(g, IDENTITY_PROVIDER, e.identityProvider);
            }
            case SERVICE_EVENT -> field(g, ACCOUNT_ID, e.identityAccountId);
            case IAM_USER_SIGNIN -> {
                IamUser u = e.signInUser;
                field(g, TYPE, "IAMUser");
                field(g, PRINCIPAL_ID, u.userId);
                if (!e.checkMfaShape) {
                    field(g, ARN, u.arn);
                }
                field(g, ACCOUNT_ID, u.account.id);
                if (e.checkMfaShape) {
                    field(g, ACCESS_KEY_ID, "");
                }
                field(g, USER_NAME, u.name);
            }
        }
        if (e.identityInvokedBy != null) {
            field(g, INVOKED_BY, e.identityInvokedBy);
        }
        g.writeEndObject();
    }

    private void writeCredentialIdentity(JsonGenerator g, Credential c, boolean omitKey) throws IOException {
        field(g, TYPE, c.identityType());
        field(g, PRINCIPAL_ID, c.principalId);
        field(g, ARN, c.arn);
        field(g, ACCOUNT_ID, c.account.id);
        if (!omitKey) {
            field(g, ACCESS_KEY_ID, c.accessKeyId);
        }
        switch (c.kind) {
            case USER_KEY -> field(g, USER_NAME, c.user.name);
            case USER_SESSION, USER_CONSOLE -> {
                field(g, USER_NAME, c.user.name);
                g.writeFieldName(SESSION_CONTEXT);
                g.writeStartObject();
                g.writeFieldName(SESSION_ISSUER);
                g.writeStartObject();
                g.writeEndObject();
                g.writeFieldName(WEB_ID_FEDERATION_DATA);
                g.writeStartObject();
                g.writeEndObject();
                writeAttributes(g, c);
                g.writeEndObject();
            }
            case ROLE_SESSION, ROLE_CONSOLE -> {
                Role r = c.role;
                g.writeFieldName(SESSION_CONTEXT);
                g.writeStartObject();
                writeIssuer(g, "Role", r.roleId, r.arn, r.account.id, r.name);
                g.writeFieldName(WEB_ID_FEDERATION_DATA);
                g.writeStartObject();
                if (c.webIdProvider != null) {
                    field(g, FEDERATED_PROVIDER, c.webIdProvider);
                    g.writeFieldName(ATTRIBUTES);
                    g.writeStartObject();
                    g.writeEndObject();
                }
                g.writeEndObject();
                writeAttributes(g, c);
                if (c.sourceIdentity != null) {
                    field(g, SOURCE_IDENTITY, c.sourceIdentity);
                }
                if (c.ec2Delivery) {
                    field(g, EC2_ROLE_DELIVERY, "2.0");
                }
                g.writeEndObject();
            }
            case FEDERATED -> {
                IamUser u = c.user;
                g.writeFieldName(SESSION_CONTEXT);
                g.writeStartObject();
                writeIssuer(g, "IAMUser", u.userId, u.arn, u.account.id, u.name);
                g.writeFieldName(WEB_ID_FEDERATION_DATA);
                g.writeStartObject();
                g.writeEndObject();
                writeAttributes(g, c);
                g.writeEndObject();
            }
            case ROOT_TASK -> {
                g.writeFieldName(SESSION_CONTEXT);
                g.writeStartObject();
                writeAttributes(g, c);
                field(g, ASSUMED_ROOT, "true");
                g.writeEndObject();
                // modelled after the inScopeOf field description; no real AssumeRoot-session record was available
                Credential caller = c.rootTaskCaller;
                g.writeFieldName(IN_SCOPE_OF);
                g.writeStartObject();
                g.writeStringField("issuerType", "AWS::STS::AssumeRoot");
                g.writeStringField("credentialsIssuedTo", c.account.rootArn());
                g.writeStringField("sourceArn", caller.arn);
                g.writeStringField("sourceAccount", caller.account.id);
                g.writeEndObject();
            }
        }
    }

    private void writeIssuer(JsonGenerator g, String type, String principalId, String arn, String accountId,
                             String userName) throws IOException {
        g.writeFieldName(SESSION_ISSUER);
        g.writeStartObject();
        field(g, TYPE, type);
        field(g, PRINCIPAL_ID, principalId);
        field(g, ARN, arn);
        field(g, ACCOUNT_ID, accountId);
        field(g, USER_NAME, userName);
        g.writeEndObject();
    }

    private void writeAttributes(JsonGenerator g, Credential c) throws IOException {
        g.writeFieldName(ATTRIBUTES);
        g.writeStartObject();
        field(g, CREATION_DATE, c.creationDate);
        field(g, MFA_AUTHENTICATED, c.mfa ? "true" : "false");
        g.writeEndObject();
    }
}
