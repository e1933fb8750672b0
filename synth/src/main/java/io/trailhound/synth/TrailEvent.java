package io.trailhound.synth;

/**
 * One CloudTrail record about to be written. A single instance is reused for every record (the
 * emitter resets it), so producing an event allocates little.
 */
final class TrailEvent {
    /** Which shape of userIdentity the record carries. */
    enum IdentityKind {
        /** A principal holding {@link #credential}. */
        CREDENTIAL,
        /** {@code {"type":"AWSService","invokedBy":…}}: a service assuming its role. */
        AWS_SERVICE,
        /** {@code {"type":"AWSAccount","principalId","accountId"}}: the role-account copy of a cross-account call. */
        AWS_ACCOUNT,
        /** The unauthenticated caller of AssumeRoleWithSAML. */
        SAML_USER,
        /** The unauthenticated caller of AssumeRoleWithWebIdentity. */
        WEB_IDENTITY_USER,
        /** {@code {"accountId","invokedBy"}} only: service events. */
        SERVICE_EVENT,
        /** IAM user at sign-in (ConsoleLogin / CheckMfa): no session yet, so no key. */
        IAM_USER_SIGNIN
    }

    String eventVersion;
    IdentityKind identityKind;
    Credential credential;
    /** Leave accessKeyId out of a CREDENTIAL identity (console sign-in records). */
    boolean omitAccessKey;
    /** userIdentity.invokedBy, e.g. "AWS Internal" on a console Switch Role's AssumeRole. */
    String identityInvokedBy;
    String principalId;
    String identityAccountId;
    String identityUserName;
    String identityProvider;
    IamUser signInUser;
    /** CheckMfa records show the user without arn and with an empty accessKeyId. */
    boolean checkMfaShape;

    long time;
    String eventSource;
    String eventName;
    AwsRegion region;
    String sourceIp;
    String userAgent;
    String errorCode;
    String errorMessage;
    JsonBody requestParameters;
    JsonBody responseElements;
    JsonBody additionalEventData;
    JsonBody resources;
    String requestId;
    String eventId;
    String sharedEventId;
    boolean readOnly;
    String eventType;
    Account recipient;
    /** clientProvidedHostHeader; null leaves tlsDetails out (service and console-internal calls). */
    String tlsHost;
    boolean tls13;

    void reset() {
        eventVersion = "1.08";
        identityKind = IdentityKind.CREDENTIAL;
        credential = null;
        omitAccessKey = false;
        identityInvokedBy = null;
        principalId = null;
        identityAccountId = null;
        identityUserName = null;
        identityProvider = null;
        signInUser = null;
        checkMfaShape = false;
        time = 0;
        eventSource = null;
        eventName = null;
        region = AwsRegion.US_EAST_1;
        sourceIp = null;
        userAgent = null;
        errorCode = null;
        errorMessage = null;
        requestParameters = null;
        responseElements = null;
        additionalEventData = null;
        resources = null;
        requestId = null;
        eventId = null;
        sharedEventId = null;
        readOnly = false;
        eventType = "AwsApiCall";
        recipient = null;
        tlsHost = null;
        tls13 = true;
    }
}
