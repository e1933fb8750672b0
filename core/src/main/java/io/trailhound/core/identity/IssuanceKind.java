package io.trailhound.core.identity;

import java.util.Map;

/** The STS calls that issue temporary credentials, by CloudTrail eventName. */
public enum IssuanceKind {
    ASSUME_ROLE("AssumeRole"),
    ASSUME_ROLE_WITH_SAML("AssumeRoleWithSAML"),
    ASSUME_ROLE_WITH_WEB_IDENTITY("AssumeRoleWithWebIdentity"),
    GET_SESSION_TOKEN("GetSessionToken"),
    GET_FEDERATION_TOKEN("GetFederationToken"),
    ASSUME_ROOT("AssumeRoot");

    private static final Map<String, IssuanceKind> BY_EVENT_NAME = Map.of(
            "AssumeRole", ASSUME_ROLE, "AssumeRoleWithSAML", ASSUME_ROLE_WITH_SAML,
            "AssumeRoleWithWebIdentity", ASSUME_ROLE_WITH_WEB_IDENTITY, "GetSessionToken", GET_SESSION_TOKEN,
            "GetFederationToken", GET_FEDERATION_TOKEN, "AssumeRoot", ASSUME_ROOT);

    private final String eventName;

    IssuanceKind(String eventName) {
        this.eventName = eventName;
    }

    public String eventName() {
        return eventName;
    }

    /** The kind for an eventName, or null when the event issues no credentials. */
    public static IssuanceKind of(String eventName) {
        // Asked of every event: a prefix or a length settles most names without hashing them.
        if (eventName == null) {
            return null;
        }
        if (eventName.startsWith("Assume")) {
            return BY_EVENT_NAME.get(eventName);
        }
        return eventName.equals(GET_SESSION_TOKEN.eventName) ? GET_SESSION_TOKEN
                : eventName.equals(GET_FEDERATION_TOKEN.eventName) ? GET_FEDERATION_TOKEN : null;
    }
}
