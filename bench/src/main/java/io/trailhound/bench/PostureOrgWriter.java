package io.trailhound.bench;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.SplittableRandom;

/**
 * Writes a large posture-only organisation for measuring {@code trailhound audit}: N accounts of M
 * IAM users each, with credential reports whose users vary in password, MFA, key count, key age
 * and last use, a few roles per account and a password policy. The synthetic generator models
 * accounts around one identity account, so it cannot make "1,000 accounts x 20 users"; this can.
 *
 * <p>Usage: {@code java -cp bench/target/classes io.trailhound.bench.PostureOrgWriter DIR ACCOUNTS USERS [SEED]}
 */
public final class PostureOrgWriter {
    static final Instant AS_OF = Instant.parse("2026-11-01T00:00:00Z");
    private static final String NA4 = "N/A,N/A,N/A,N/A";

    private final SplittableRandom rng;

    PostureOrgWriter(long seed) {
        this.rng = new SplittableRandom(seed);
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            System.err.println("usage: PostureOrgWriter DIR ACCOUNTS USERS [SEED]");
            System.exit(2);
        }
        PostureOrgWriter w = new PostureOrgWriter(args.length > 3 ? Long.parseLong(args[3]) : 42L);
        w.write(Path.of(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]));
    }

    void write(Path dir, int accounts, int users) throws IOException {
        for (int a = 0; a < accounts; a++) {
            String id = String.format("%012d", 100_000_000_000L + a * 7919L);
            Path acct = Files.createDirectories(dir.resolve(id));
            try (Writer out = Files.newBufferedWriter(acct.resolve("credential-report.csv"), StandardCharsets.UTF_8)) {
                out.write("user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,"
                        + "password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,"
                        + "access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,"
                        + "access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,"
                        + "access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,"
                        + "cert_2_active,cert_2_last_rotated\n");
                out.write("<root_account>,arn:aws:iam::" + id + ":root," + t(daysAgo(2000)) + ",not_supported,"
                        + (chance(0.05) ? t(daysAgo(rng.nextInt(200))) : "no_information") + ",not_supported,not_supported,"
                        + !chance(0.02) + "," + (chance(0.01) ? "true," + t(daysAgo(300)) + ",N/A,N/A,N/A" : "false," + NA4)
                        + ",false," + NA4 + ",false,N/A,false,N/A\n");
                for (int u = 0; u < users; u++) {
                    out.write(userRow(id, "user-" + a + "-" + u));
                }
            }
            Files.writeString(acct.resolve("password-policy.json"), chance(0.3)
                    ? "{\"PasswordPolicy\":{\"MinimumPasswordLength\":8,\"AllowUsersToChangePassword\":true}}\n"
                    : "{\"PasswordPolicy\":{\"MinimumPasswordLength\":14,\"PasswordReusePrevention\":24,\"MaxPasswordAge\":90,"
                            + "\"ExpirePasswords\":true}}\n");
            Files.writeString(acct.resolve("authorization-details.json"), "{\"UserDetailList\":[],\"RoleDetailList\":["
                    + role(id, "Admin", "{\"StringLike\":{\"sts:RoleSessionName\":\"${aws:username}\"}}") + ","
                    + role(id, "ReadOnly", chance(0.5) ? null : "{\"Null\":{\"sts:SourceIdentity\":\"false\"}}") + "]}\n");
        }
    }

    private String userRow(String account, String name) {
        Instant created = daysAgo(30 + rng.nextInt(1500));
        boolean password = chance(0.6);
        StringBuilder sb = new StringBuilder(256).append(name).append(",arn:aws:iam::").append(account).append(":user/")
                .append(name).append(',').append(t(created)).append(',').append(password).append(',');
        if (password) {
            sb.append(chance(0.1) ? "no_information" : t(daysAgo(rng.nextInt(200)))).append(',')
                    .append(t(daysAgo(rng.nextInt(30)))).append(",N/A,").append(chance(0.8));
        } else {
            sb.append("N/A,N/A,N/A,false");
        }
        int keys = chance(0.15) ? 2 : chance(0.7) ? 1 : 0;
        for (int k = 1; k <= 2; k++) {
            sb.append(',');
            if (k <= keys) {
                Instant made = chance(0.05) ? created.plusSeconds(rng.nextInt(8)) : daysAgo(rng.nextInt(600));
                boolean used = chance(0.85);
                sb.append(chance(0.9)).append(',').append(t(made)).append(',')
                        .append(used ? t(daysAgo(rng.nextInt(150))) + ",us-east-1,s3" : "N/A,N/A,N/A");
            } else {
                sb.append("false,").append(NA4);
            }
        }
        return sb.append(",false,N/A,false,N/A\n").toString();
    }

    private static String role(String account, String name, String condition) {
        return "{\"RoleName\":\"" + name + "\",\"Path\":\"/\",\"Arn\":\"arn:aws:iam::" + account + ":role/" + name + "\","
                + "\"AssumeRolePolicyDocument\":{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Principal\":{\"AWS\":\"arn:aws:iam::999999999999:root\"},\"Action\":\"sts:AssumeRole\""
                + (condition == null ? "" : ",\"Condition\":" + condition) + "}]}}";
    }

    private boolean chance(double p) {
        return rng.nextDouble() < p;
    }

    private Instant daysAgo(int days) {
        return AS_OF.minus(Duration.ofDays(days)).minusSeconds(rng.nextInt(86_400));
    }

    private static String t(Instant i) {
        return i.truncatedTo(ChronoUnit.SECONDS).toString().replace("Z", "+00:00");
    }
}
