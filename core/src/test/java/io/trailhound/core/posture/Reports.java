package io.trailhound.core.posture;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds credential report CSV text for tests: a user row starts from "no password, no keys" and sets columns by name. */
final class Reports {
    static final String HEADER = "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,"
            + "password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,"
            + "access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,"
            + "access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,"
            + "cert_1_last_rotated,cert_2_active,cert_2_last_rotated";
    static final String ACCOUNT = "111122223333";
    static final Instant AS_OF = Instant.parse("2026-11-01T00:00:00Z");

    private final List<Map<String, String>> rows = new ArrayList<>();

    static Reports report() {
        return new Reports();
    }

    /** A user row; {@code kv} are column/value pairs over the defaults. */
    Reports user(String name, String... kv) {
        Map<String, String> r = new LinkedHashMap<>();
        for (String col : HEADER.split(",")) {
            r.put(col, col.endsWith("_active") ? "false" : "N/A");
        }
        r.put("user", name);
        r.put("arn", name.equals("<root_account>") ? "arn:aws:iam::" + ACCOUNT + ":root" : "arn:aws:iam::" + ACCOUNT + ":user/" + name);
        r.put("user_creation_time", "2024-01-01T00:00:00+00:00");
        r.put("password_enabled", name.equals("<root_account>") ? "not_supported" : "false");
        for (int i = 0; i < kv.length; i += 2) {
            r.put(kv[i], kv[i + 1]);
        }
        rows.add(r);
        return this;
    }

    String csv() {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (Map<String, String> r : rows) {
            sb.append(String.join(",", r.values())).append('\n');
        }
        return sb.toString();
    }

    CredentialReport parse() throws Exception {
        return CredentialReportParser.parseCsv("test.csv", csv(), null);
    }

    /** The findings one check makes on this report as of {@link #AS_OF}, with default thresholds. */
    List<Finding> run(PostureCheck check) throws Exception {
        return run(check, new int[1]);
    }

    List<Finding> run(PostureCheck check, int[] applicable) throws Exception {
        List<Finding> out = new ArrayList<>();
        applicable[0] = check.evaluate(new AccountInputs(ACCOUNT, parse(), null, null),
                new AuditContext(AS_OF, Thresholds.defaults()), out);
        return out;
    }

    /** {@code AS_OF} minus a duration, in the report's format. */
    static String ago(java.time.Duration d) {
        return AS_OF.minus(d).toString().replace("Z", "+00:00");
    }
}
