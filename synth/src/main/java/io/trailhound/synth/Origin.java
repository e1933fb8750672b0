package io.trailhound.synth;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;

/**
 * Who is really behind a credential: the end of an attribution chain. Exactly one of arn / name is
 * set; provider is set for federated subjects.
 */
record Origin(String type, String arn, String name, String provider) {

    static Origin iamUser(String userArn) {
        return new Origin("IAMUser", userArn, null, null);
    }

    static Origin saml(String subject) {
        return new Origin("SAMLUser", null, subject, null);
    }

    static Origin identityCenter(String userName) {
        return new Origin("IdentityCenterUser", null, userName, null);
    }

    static Origin webIdentity(String subject, String providerArn) {
        return new Origin("WebIdentityUser", null, subject, providerArn);
    }

    static Origin service(String servicePrincipal) {
        return new Origin("AWSService", null, servicePrincipal, null);
    }

    static Origin root(String rootArn) {
        return new Origin("Root", rootArn, null, null);
    }

    void write(JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("type", type);
        if (arn != null) {
            g.writeStringField("arn", arn);
        }
        if (name != null) {
            g.writeStringField("name", name);
        }
        if (provider != null) {
            g.writeStringField("provider", provider);
        }
        g.writeEndObject();
    }
}
