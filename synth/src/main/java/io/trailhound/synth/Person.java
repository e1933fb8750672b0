package io.trailhound.synth;

import java.util.List;

/**
 * A human of the organisation and how they reach AWS: their own IAM user, a SAML IdP (Okta), or
 * Identity Center. The roles list holds what they may use (role or permission-set roles).
 */
final class Person {
    enum Kind { IAM_USER, SAML, IDENTITY_CENTER }

    final Kind kind;
    final String userName;
    final String email;
    final IamUser iamUser;
    final boolean admin;
    final List<Role> roles;
    final String homeIp;
    final String browserAgent;
    final String cliAgent;

    Person(Kind kind, String userName, String email, IamUser iamUser, boolean admin, List<Role> roles,
           String homeIp, String browserAgent, String cliAgent) {
        this.kind = kind;
        this.userName = userName;
        this.email = email;
        this.iamUser = iamUser;
        this.admin = admin;
        this.roles = roles;
        this.homeIp = homeIp;
        this.browserAgent = browserAgent;
        this.cliAgent = cliAgent;
    }

    /** Where attribution should end for this person. */
    Origin origin() {
        return switch (kind) {
            case IAM_USER -> Origin.iamUser(iamUser.arn);
            case SAML -> Origin.saml(email);
            case IDENTITY_CENTER -> Origin.identityCenter(email);
        };
    }
}
