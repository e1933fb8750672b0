package io.trailhound.synth;

import java.util.LinkedHashMap;
import java.util.Map;

/** Counts written records by family (issuance kind, sign-in kind, service event, other API call) and errors. */
final class EventTally {
    private static final String[] FAMILIES = {"AssumeRole", "AssumeRoleWithSAML", "AssumeRoleWithWebIdentity",
            "GetSessionToken", "GetFederationToken", "AssumeRoot", "ConsoleLogin", "CheckMfa", "SwitchRole",
            "GetSigninToken", "AwsServiceEvent", "ApiCall"};
    private final long[] counts = new long[FAMILIES.length];
    private long errors;

    void count(TrailEvent e) {
        counts[family(e)]++;
        if (e.errorCode != null) {
            errors++;
        }
    }

    private static int family(TrailEvent e) {
        if ("AwsServiceEvent".equals(e.eventType)) {
            return 10;
        }
        return switch (e.eventName) {
            case "AssumeRole" -> 0;
            case "AssumeRoleWithSAML" -> 1;
            case "AssumeRoleWithWebIdentity" -> 2;
            case "GetSessionToken" -> 3;
            case "GetFederationToken" -> 4;
            case "AssumeRoot" -> 5;
            case "ConsoleLogin" -> 6;
            case "CheckMfa" -> 7;
            case "SwitchRole" -> 8;
            case "GetSigninToken" -> 9;
            default -> 11;
        };
    }

    Map<String, Long> byFamily() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (int i = 0; i < FAMILIES.length; i++) {
            out.put(FAMILIES[i], counts[i]);
        }
        return out;
    }

    long errors() {
        return errors;
    }
}
