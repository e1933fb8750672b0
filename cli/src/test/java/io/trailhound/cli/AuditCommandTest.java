package io.trailhound.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditCommandTest {
    private static final String HEADER = "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,"
            + "password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,"
            + "access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,"
            + "access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,"
            + "cert_1_last_rotated,cert_2_active,cert_2_last_rotated";
    /** A user name as an attacker would choose it: markup and a terminal escape sequence. */
    private static final String EVIL = "<script>alert(1)</script>\u001b[31m";

    @TempDir
    Path tmp;

    private Path org() throws IOException {
        Path acct = Files.createDirectories(tmp.resolve("org/111122223333"));
        Files.writeString(acct.resolve("credential-report.csv"), HEADER + "\n"
                + "<root_account>,arn:aws:iam::111122223333:root,2020-01-01T00:00:00+00:00,not_supported,no_information,"
                + "not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n"
                + "\"" + EVIL + "\",arn:aws:iam::111122223333:user/x,2020-01-01T00:00:00+00:00,true,2026-10-30T00:00:00+00:00,"
                + "2026-10-01T00:00:00+00:00,N/A,false,true,2025-01-01T00:00:00+00:00,2026-10-31T00:00:00+00:00,us-east-1,s3,"
                + "false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n");
        Files.writeString(acct.resolve("password-policy.json"), "{\"PasswordPolicy\":{\"MinimumPasswordLength\":14,"
                + "\"PasswordReusePrevention\":24,\"MaxPasswordAge\":90}}");
        return tmp.resolve("org");
    }

    @Test
    void jsonHasSummaryAndFindingsWithThePublicKeys() throws IOException {
        CliRun r = CliRun.of("audit", org().toString(), "--format", "json", "--as-of", "2026-11-01");
        assertThat(r.exit()).isEqualTo(ExitCodes.OK);
        JsonNode j = new ObjectMapper().readTree(r.out());
        JsonNode rotated = null;
        for (JsonNode s : j.get("summary")) {
            assertThat(s.has("id") && s.has("violations") && s.has("applicable") && s.has("percent")).isTrue();
            rotated = s.get("id").asText().equals("key-not-rotated") ? s : rotated;
        }
        assertThat(j.get("summary")).hasSize(11);
        assertThat(rotated.get("violations").asInt()).isEqualTo(1);
        assertThat(rotated.get("applicable").asInt()).isEqualTo(1);
        assertThat(rotated.get("percent").asDouble()).isEqualTo(100.0);
        assertThat(rotated.at("/tiers/0/overDays").asInt()).isEqualTo(365);
        JsonNode f = j.get("findings").get(0);
        assertThat(f.get("check").asText()).isEqualTo("console-without-mfa");
        assertThat(f.get("account").asText()).isEqualTo("111122223333");
        assertThat(f.get("user").asText()).isEqualTo(EVIL);
        assertThat(f.get("severity").asText()).isEqualTo("high");
        assertThat(f.has("detail")).isTrue();
    }

    @Test
    void tableEscapesUserControlledTextAndStatesPercentages() throws IOException {
        CliRun r = CliRun.of("audit", org().toString(), "--as-of", "2026-11-01");
        assertThat(r.out()).contains("key-not-rotated: 1 of 1 users (100.0%); over a year: 100.0%")
                .contains("console-without-mfa: 1 of 1 users (100.0%)")
                .doesNotContain("\u001b").contains("\\u001b[31m");
    }

    @Test
    void htmlIsOneSelfContainedEscapedPage() throws IOException {
        Path out = tmp.resolve("audit.html");
        CliRun r = CliRun.of("audit", org().toString(), "--format", "html", "--output", out.toString(), "--as-of", "2026-11-01");
        assertThat(r.exit()).isEqualTo(ExitCodes.OK);
        String html = Files.readString(out);
        assertThat(html).startsWith("<!DOCTYPE html>").contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .doesNotContain("<script").doesNotContain("src=").doesNotContain("http").doesNotContain("\u001b");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void csvHasOneFindingARowAndDefusesFormulas() throws IOException {
        Path dir = org();
        Files.writeString(dir.resolve("111122223333/credential-report.csv"), Files.readString(dir.resolve("111122223333/credential-report.csv"))
                .replace("\"" + EVIL + "\"", "=HYPERLINK(1)"));
        CliRun r = CliRun.of("audit", dir.toString(), "--format", "csv", "--as-of", "2026-11-01");
        var records = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new java.io.StringReader(r.out()))
                .getRecords();
        assertThat(records).extracting(rec -> rec.get("check")).containsExactly("console-without-mfa", "key-not-rotated");
        assertThat(records).extracting((CSVRecord rec) -> rec.get("user")).containsOnly("'=HYPERLINK(1)");
    }

    @Test
    void failOnSetsExitOneAtOrAboveTheSeverity() throws IOException {
        Path dir = org();
        assertThat(CliRun.of("audit", dir.toString(), "--as-of", "2026-11-01", "--fail-on", "high").exit()).isEqualTo(ExitCodes.FINDINGS);
        assertThat(CliRun.of("audit", dir.toString(), "--as-of", "2026-11-01", "--fail-on", "critical").exit()).isEqualTo(ExitCodes.OK);
    }

    @Test
    void usageErrorsAndUnreadableInputExitTwoNamingTheProblem() throws IOException {
        CliRun missing = CliRun.of("audit", tmp.resolve("nope").toString());
        assertThat(missing.exit()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
        assertThat(missing.err()).contains("no such file");
        assertThat(CliRun.of("audit", org().toString(), "--fail-on", "severe").exit()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
        assertThat(CliRun.of("audit", tmp.resolve("org").toString(), "--max-key-age", "ninety").exit()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
        Path bad = tmp.resolve("bad.csv");
        Files.writeString(bad, HEADER + "\nbob,arn:aws:iam::111122223333:user/bob,not-a-date,false,N/A,N/A,N/A,false,false,N/A,N/A,N/A,"
                + "N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n");
        CliRun r = CliRun.of("audit", bad.toString());
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
        assertThat(r.err()).contains(bad + ":2").contains("user_creation_time");
    }

    /** Exit 2 with the message, on stderr, starting at "FILE:LINE", and no stack trace. */
    private static void refused(CliRun r, String where) {
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
        assertThat(r.err()).startsWith("trailhound: " + where).doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void deeplyNestedAuthorizationDetailsExitTwoWithTheLineAndColumn() throws IOException {
        Path org = org();
        Path details = org.resolve("111122223333/authorization-details.json");
        Files.writeString(details, "{\"RoleDetailList\":\n" + "[".repeat(100_000) + "]".repeat(100_000) + "}");
        CliRun r = CliRun.of("audit", org.toString());
        refused(r, details + ":2:");
        assertThat(r.err()).contains("nesting depth");
    }

    @Test
    void aCredentialReportWithoutARequiredColumnOrWithAnEmptyCellExitsTwoNamingTheLine() throws IOException {
        Path org = org();
        Path report = org.resolve("111122223333/credential-report.csv");
        String original = Files.readString(report);
        Files.writeString(report, original.replace(",mfa_active,", ",mfa_enabled,"));
        CliRun noMfa = CliRun.of("audit", org.toString());
        refused(noMfa, report + ":1: ");
        assertThat(noMfa.err()).contains("mfa_active");
        String[] lines = original.split("\n");
        lines[2] = lines[2].replaceFirst("(,[^,]*,[^,]*),true,", "$1,,"); // the user's password_enabled
        Files.writeString(report, String.join("\n", lines) + "\n");
        CliRun empty = CliRun.of("audit", org.toString());
        refused(empty, report + ":3: ");
        assertThat(empty.err()).contains("column password_enabled is empty");
    }

    @Test
    void invalidUtf8AndCsvDamageExitTwoWithFileAndLine() throws IOException {
        Path org = org();
        Path report = org.resolve("111122223333/credential-report.csv");
        byte[] text = Files.readAllBytes(report);
        int row3 = new String(text, java.nio.charset.StandardCharsets.UTF_8).indexOf("\n\"") + 1;
        byte[] bad = text.clone();
        bad[row3 + 1] = (byte) 0xC0; // overlong encoding, inside the quoted user name
        Files.write(report, bad);
        CliRun utf8 = CliRun.of("audit", org.toString());
        refused(utf8, report + ":3: ");
        assertThat(utf8.err()).contains("invalid UTF-8 at byte " + (row3 + 1));
        Files.writeString(report, HEADER + ",user\n");
        refused(CliRun.of("audit", org.toString()), report + ":1: ");
        Files.write(report, text);
        Files.writeString(report, "\"", java.nio.file.StandardOpenOption.APPEND);
        refused(CliRun.of("audit", org.toString()), report + ":4: ");
    }

    @Test
    void aNonNumericPasswordLengthIsBadInputNotAWeakPolicy() throws IOException {
        Path org = org();
        Path policy = org.resolve("111122223333/password-policy.json");
        Files.writeString(policy, "{\"PasswordPolicy\":{\n\"MinimumPasswordLength\":\"fourteen\"}}");
        CliRun r = CliRun.of("audit", org.toString(), "--format", "json");
        refused(r, policy + ":2:25: /PasswordPolicy/MinimumPasswordLength: ");
    }

    @Test
    void aBadInputMessageQuotingTheFileIsEscapedForTheTerminal() throws IOException {
        Path bad = tmp.resolve("bad.csv");
        Files.writeString(bad, HEADER + "\nbob,arn:aws:iam::111122223333:user/bob,\u001b]0;owned\u0007,false,N/A,N/A,N/A,false,false,"
                + "N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n");
        CliRun r = CliRun.of("audit", bad.toString());
        refused(r, bad + ":2: ");
        assertThat(r.err()).doesNotContain("\u001b").contains("\\u001b]0;owned\\u0007");
    }

    @Test
    void helpExplainsEveryOption() {
        CliRun r = CliRun.of("audit", "--help");
        assertThat(r.out()).contains("--fail-on", "--as-of", "--max-key-age", "--unused-after", "--console-unused-after",
                "--key-at-creation", "--root-recent", "--min-password-length", "--password-reuse", "--max-password-age",
                "--format", "--output", "--top");
    }

    @Test
    void ocsfAndAsffCarryEveryFindingWithStableIds() throws IOException {
        CliRun json = CliRun.of("audit", org().toString(), "--format", "json", "--as-of", "2026-11-01");
        int findings = new ObjectMapper().readTree(json.out()).get("findings").size();
        CliRun ocsf = CliRun.of("audit", org().toString(), "--format", "ocsf", "--as-of", "2026-11-01");
        assertThat(ocsf.exit()).isEqualTo(ExitCodes.OK);
        assertThat(ocsf.jsonLines()).hasSize(findings).allMatch(f -> f.get("class_uid").asInt() == 2003
                && f.at("/compliance/status").asText().equals("Fail") && f.get("time").asLong() == 1793491200000L);
        assertThat(ocsf.out()).doesNotContain("\u001b").contains("\\u001B[31m");
        CliRun asff = CliRun.of("audit", org().toString(), "--format", "asff", "--asff-region", "eu-west-1", "--as-of", "2026-11-01");
        CliRun again = CliRun.of("audit", org().toString(), "--format", "asff", "--asff-region", "eu-west-1", "--as-of", "2026-11-01");
        List<JsonNode> batches = asff.jsonLines();
        assertThat(batches).hasSize(1);
        assertThat(batches.get(0)).hasSize(findings);
        assertThat(batches.get(0).get(0).get("Id")).isEqualTo(again.jsonLines().get(0).get(0).get("Id"));
        assertThat(batches.get(0).get(0).get("ProductArn").asText()).contains(":securityhub:eu-west-1:");
    }
}
