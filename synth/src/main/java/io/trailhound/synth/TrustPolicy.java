package io.trailhound.synth;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.util.List;

/**
 * A role's trust policy. For roles that trust AWS principals it records whether the policy forces
 * the caller's user name into the session ({@code sts:RoleSessionName}) or a source identity
 * ({@code sts:SourceIdentity}); posture audits flag the ones that force neither.
 */
final class TrustPolicy {
    enum PrincipalKind { AWS, SAML, OIDC, SERVICE }

    enum Guard {
        /** {@code StringLike sts:RoleSessionName = ${aws:username}}: the session name is the IAM user name. */
        SESSION_NAME_IS_USERNAME,
        /** {@code StringLike sts:SourceIdentity = ${aws:username}} plus {@code sts:SetSourceIdentity}. */
        SOURCE_IDENTITY_IS_USERNAME,
        /** {@code Null sts:SourceIdentity = false}: a chained role that only accepts sessions carrying a source identity. */
        SOURCE_IDENTITY_PRESENT,
        NONE
    }

    final PrincipalKind principalKind;
    final List<String> principals;
    final Guard guard;
    /** For OIDC: the {@code sub} pattern the role accepts. */
    final String subjectPattern;

    private TrustPolicy(PrincipalKind kind, List<String> principals, Guard guard, String subjectPattern) {
        this.principalKind = kind;
        this.principals = List.copyOf(principals);
        this.guard = guard;
        this.subjectPattern = subjectPattern;
    }

    static TrustPolicy aws(List<String> principals, Guard guard) {
        return new TrustPolicy(PrincipalKind.AWS, principals, guard, null);
    }

    static TrustPolicy saml(String providerArn) {
        return new TrustPolicy(PrincipalKind.SAML, List.of(providerArn), Guard.NONE, null);
    }

    static TrustPolicy oidc(String providerArn, String subjectPattern) {
        return new TrustPolicy(PrincipalKind.OIDC, List.of(providerArn), Guard.NONE, subjectPattern);
    }

    static TrustPolicy service(String servicePrincipal) {
        return new TrustPolicy(PrincipalKind.SERVICE, List.of(servicePrincipal), Guard.NONE, null);
    }

    /** Trusts AWS principals yet lets the caller choose any session name and no source identity. */
    boolean pinsNeither() {
        return principalKind == PrincipalKind.AWS && guard == Guard.NONE;
    }

    /** Writes the document as a JSON object, the form {@code aws iam get-account-authorization-details} prints. */
    void write(JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("Version", "2012-10-17");
        g.writeArrayFieldStart("Statement");
        g.writeStartObject();
        g.writeStringField("Effect", "Allow");
        g.writeObjectFieldStart("Principal");
        String principalKey = switch (principalKind) {
            case AWS -> "AWS";
            case SAML, OIDC -> "Federated";
            case SERVICE -> "Service";
        };
        if (principals.size() == 1) {
            g.writeStringField(principalKey, principals.get(0));
        } else {
            g.writeArrayFieldStart(principalKey);
            for (String p : principals) {
                g.writeString(p);
            }
            g.writeEndArray();
        }
        g.writeEndObject();
        switch (principalKind) {
            case AWS -> writeAwsActionAndCondition(g);
            case SAML -> {
                g.writeArrayFieldStart("Action");
                g.writeString("sts:AssumeRoleWithSAML");
                g.writeString("sts:TagSession");
                g.writeEndArray();
                g.writeObjectFieldStart("Condition");
                g.writeObjectFieldStart("StringEquals");
                g.writeStringField("SAML:aud", "https://signin.aws.amazon.com/saml");
                g.writeEndObject();
                g.writeEndObject();
            }
            case OIDC -> {
                g.writeStringField("Action", "sts:AssumeRoleWithWebIdentity");
                g.writeObjectFieldStart("Condition");
                g.writeObjectFieldStart("StringEquals");
                g.writeStringField("token.actions.githubusercontent.com:aud", "sts.amazonaws.com");
                g.writeEndObject();
                g.writeObjectFieldStart("StringLike");
                g.writeStringField("token.actions.githubusercontent.com:sub", subjectPattern);
                g.writeEndObject();
                g.writeEndObject();
            }
            case SERVICE -> g.writeStringField("Action", "sts:AssumeRole");
        }
        g.writeEndObject();
        g.writeEndArray();
        g.writeEndObject();
    }

    private void writeAwsActionAndCondition(JsonGenerator g) throws IOException {
        switch (guard) {
            case SESSION_NAME_IS_USERNAME -> {
                g.writeStringField("Action", "sts:AssumeRole");
                g.writeObjectFieldStart("Condition");
                g.writeObjectFieldStart("StringLike");
                g.writeStringField("sts:RoleSessionName", "${aws:username}");
                g.writeEndObject();
                g.writeEndObject();
            }
            case SOURCE_IDENTITY_IS_USERNAME -> {
                writeAssumeAndSetSourceIdentity(g);
                g.writeObjectFieldStart("Condition");
                g.writeObjectFieldStart("StringLike");
                g.writeStringField("sts:SourceIdentity", "${aws:username}");
                g.writeEndObject();
                g.writeEndObject();
            }
            case SOURCE_IDENTITY_PRESENT -> {
                writeAssumeAndSetSourceIdentity(g);
                g.writeObjectFieldStart("Condition");
                g.writeObjectFieldStart("Null");
                g.writeStringField("sts:SourceIdentity", "false");
                g.writeEndObject();
                g.writeEndObject();
            }
            case NONE -> g.writeStringField("Action", "sts:AssumeRole");
        }
    }

    private static void writeAssumeAndSetSourceIdentity(JsonGenerator g) throws IOException {
        g.writeArrayFieldStart("Action");
        g.writeString("sts:AssumeRole");
        g.writeString("sts:SetSourceIdentity");
        g.writeEndArray();
    }
}
