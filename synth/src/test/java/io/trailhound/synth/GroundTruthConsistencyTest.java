package io.trailhound.synth;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static io.trailhound.synth.GeneratedOrg.text;
import static org.assertj.core.api.Assertions.assertThat;

/** The ground truth (stories, origins, posture) agrees with the logs and the posture files. */
class GroundTruthConsistencyTest {
    private static final DateTimeFormatter EXPIRATION = DateTimeFormatter.ofPattern("MMM d, yyyy, h:mm:ss a", Locale.US);
    private static final long NINETY_DAYS_SECONDS = 90L * 86_400;

    static GeneratedOrg org;

    @BeforeAll
    static void generate(@TempDir Path dir) throws IOException {
        org = GeneratedOrg.generate(GeneratedOrg.config(dir, 23, 4, 10, 2, 8000, OutputLayout.S3));
    }

    @Test
    void everyStoryEventIsInTheLogs() {
        JsonNode stories = org.groundTruth.get("stories");
        List<String> ids = new ArrayList<>();
        stories.forEach(s -> ids.add(s.get("story").asText()));
        assertThat(ids).containsExactlyInAnyOrder("console-login-via-assumed-role", "assume-root-by-rare-user",
                "access-key-for-other-user", "cloudtrail-stop-and-delete", "mfa-deactivated", "temp-credentials-new-ip");
        assertThat(ids).isEqualTo(org.result.stories());
        for (JsonNode s : stories) {
            assertThat(s.get("eventIds")).as(s.get("story").asText()).isNotEmpty();
            s.get("eventIds").forEach(id -> assertThat(org.byId).as(s.get("story").asText()).containsKey(id.asText()));
            assertThat(s.at("/origin/type").asText()).isNotBlank();
        }
    }

    @Test
    void storiesShowWhatTheyClaim() {
        List<JsonNode> login = storyEvents("console-login-via-assumed-role");
        assertThat(login).anySatisfy(r -> {
            assertThat(text(r, "/eventName")).isEqualTo("ConsoleLogin");
            assertThat(text(r, "/userIdentity/type")).isEqualTo("AssumedRole");
        });
        assertThat(names(login)).contains("AssumeRole", "GetSigninToken");

        List<JsonNode> root = storyEvents("assume-root-by-rare-user");
        JsonNode assumeRoot = root.stream().filter(r -> "AssumeRoot".equals(text(r, "/eventName"))).findFirst().orElseThrow();
        String rareCaller = text(assumeRoot, "/userIdentity/arn");
        long earlierByCaller = org.records.stream().filter(r -> "AssumeRoot".equals(text(r, "/eventName")))
                .filter(r -> rareCaller.equals(text(r, "/userIdentity/arn")) && r != assumeRoot).count();
        assertThat(earlierByCaller).as("the rare user never ran AssumeRoot otherwise").isZero();
        assertThat(root).anyMatch(r -> "Root".equals(text(r, "/userIdentity/type"))
                && "true".equals(text(r, "/userIdentity/sessionContext/assumedRoot")));

        JsonNode create = storyEvents("access-key-for-other-user").stream()
                .filter(r -> "CreateAccessKey".equals(text(r, "/eventName"))).findFirst().orElseThrow();
        assertThat(text(create, "/requestParameters/userName")).isNotEqualTo(text(create, "/userIdentity/userName"));

        assertThat(names(storyEvents("cloudtrail-stop-and-delete"))).contains("StopLogging", "DeleteTrail");
        assertThat(names(storyEvents("mfa-deactivated"))).contains("DeactivateMFADevice");

        List<JsonNode> stolen = storyEvents("temp-credentials-new-ip");
        Set<String> keys = new HashSet<>();
        stolen.forEach(r -> keys.add(text(r, "/userIdentity/accessKeyId")));
        assertThat(keys).hasSize(1);
        String key = keys.iterator().next();
        String newIp = text(stolen.get(0), "/sourceIPAddress");
        Instant first = Instant.parse(text(stolen.get(0), "/eventTime"));
        List<JsonNode> before = org.records.stream()
                .filter(r -> key.equals(text(r, "/userIdentity/accessKeyId")))
                .filter(r -> Instant.parse(text(r, "/eventTime")).isBefore(first)).toList();
        assertThat(before).as("the key was in use before").isNotEmpty()
                .noneMatch(r -> newIp.equals(text(r, "/sourceIPAddress")));
    }

    /**
     * Every ASIA key that signs a call was returned earlier by an issuance and is used before it
     * expires. Console sessions are modelled as AWS records them: their keys are never returned by
     * any event (ConsoleLogin / SwitchRole records carry none; the calls carry
     * sessionCredentialFromConsole), so those are exempt.
     */
    @Test
    void temporaryKeysWereIssuedEarlierAndUsedBeforeExpiry() {
        Map<String, Instant[]> issued = new HashMap<>();
        int checked = 0;
        for (JsonNode r : org.records) {
            String key = text(r, "/userIdentity/accessKeyId");
            boolean consoleSession = "true".equals(text(r, "/sessionCredentialFromConsole"));
            if (key != null && key.startsWith("ASIA") && !consoleSession) {
                Instant t = Instant.parse(text(r, "/eventTime"));
                assertThat(issued).as("key %s used by %s %s", key, text(r, "/eventName"), text(r, "/eventID")).containsKey(key);
                assertThat(t).isBetween(issued.get(key)[0], issued.get(key)[1]);
                checked++;
            }
            String returned = text(r, "/responseElements/credentials/accessKeyId");
            if (returned != null) {
                Instant exp = LocalDateTime.parse(text(r, "/responseElements/credentials/expiration"), EXPIRATION)
                        .toInstant(ZoneOffset.UTC);
                issued.put(returned, new Instant[] {Instant.parse(text(r, "/eventTime")), exp});
            }
        }
        assertThat(checked).isGreaterThan(1000);
    }

    @Test
    void crossAccountIssuancesAreWrittenTwice() {
        Map<String, List<JsonNode>> byShared = new LinkedHashMap<>();
        int crossCallerCopies = 0;
        for (JsonNode r : org.records) {
            if (r.has("sharedEventID")) {
                byShared.computeIfAbsent(text(r, "/sharedEventID"), k -> new ArrayList<>()).add(r);
            }
            if ("AssumeRole".equals(text(r, "/eventName")) && !"AWSAccount".equals(text(r, "/userIdentity/type"))) {
                String roleAccount = text(r, "/requestParameters/roleArn").split(":")[4];
                if (!roleAccount.equals(text(r, "/recipientAccountId"))) {
                    crossCallerCopies++;
                    assertThat(r.has("sharedEventID")).isTrue();
                }
            }
        }
        assertThat(byShared).hasSize(crossCallerCopies).isNotEmpty();
        for (List<JsonNode> pair : byShared.values()) {
            assertThat(pair).hasSize(2);
            JsonNode a = pair.get(0);
            JsonNode b = pair.get(1);
            assertThat(text(a, "/eventID")).isNotEqualTo(text(b, "/eventID"));
            assertThat(text(a, "/recipientAccountId")).isNotEqualTo(text(b, "/recipientAccountId"));
            assertThat(text(a, "/requestID")).isEqualTo(text(b, "/requestID"));
            assertThat(text(a, "/responseElements/credentials/accessKeyId"))
                    .isEqualTo(text(b, "/responseElements/credentials/accessKeyId"));
            assertThat(List.of(text(a, "/userIdentity/type"), text(b, "/userIdentity/type"))).contains("AWSAccount");
        }
    }

    @Test
    void originsCoverEveryTemporaryCredentialEventAndChainToTheKey() {
        int covered = 0;
        for (JsonNode r : org.records) {
            String type = text(r, "/userIdentity/type");
            String key = text(r, "/userIdentity/accessKeyId");
            boolean needsOrigin = "AssumedRole".equals(type) || "FederatedUser".equals(type)
                    || (("IAMUser".equals(type) || "Root".equals(type)) && key != null && key.startsWith("ASIA"));
            if (!needsOrigin) {
                continue;
            }
            covered++;
            JsonNode o = org.origins.get(text(r, "/eventID"));
            assertThat(o).as("origin of %s", text(r, "/eventID")).isNotNull();
            assertThat(text(o, "/origin/type")).isIn("IAMUser", "SAMLUser", "IdentityCenterUser", "WebIdentityUser", "Root", "AWSService");
            o.get("chain").forEach(id -> assertThat(org.byId).containsKey(id.asText()));
            if (o.has("signIn")) {
                assertThat(text(org.byId.get(o.get("signIn").asText()), "/eventName")).isIn("ConsoleLogin", "SwitchRole");
            }
            boolean console = "true".equals(text(r, "/sessionCredentialFromConsole"))
                    || "signin.amazonaws.com".equals(text(r, "/eventSource")) && key == null;
            if (!console && o.get("chain").size() > 0) {
                JsonNode issuance = org.byId.get(o.get("chain").get(o.get("chain").size() - 1).asText());
                assertThat(text(issuance, "/responseElements/credentials/accessKeyId")).isEqualTo(key);
            }
        }
        assertThat(covered).isGreaterThan(1000);
        assertThat(org.origins).hasSize(covered);
    }

    @Test
    void originsNameThePeopleOfTheOrganisation() {
        Set<String> people = new HashSet<>();
        org.groundTruth.at("/organisation/people").forEach(p -> people.add(p.at("/origin").toString()));
        Set<String> humanOrigins = new HashSet<>();
        for (JsonNode o : org.origins.values()) {
            String type = text(o, "/origin/type");
            if (type.equals("SAMLUser") || type.equals("IdentityCenterUser")) {
                humanOrigins.add(o.get("origin").toString());
            }
        }
        assertThat(people).containsAll(humanOrigins);
        assertThat(humanOrigins).isNotEmpty();
    }

    @Test
    void plantedPostureViolationsAreVisibleInThePostureFiles() throws IOException {
        Instant asOf = Instant.parse(org.groundTruth.at("/window/end").asText());
        Set<String> checks = new HashSet<>();
        for (JsonNode f : org.groundTruth.get("posture")) {
            String account = text(f, "/account");
            String principal = text(f, "/principal");
            String check = text(f, "/check");
            checks.add(check);
            Map<String, Map<String, String>> report = org.credentialReport(account);
            Map<String, String> row = principal.contains(":user/")
                    ? report.get(principal.substring(principal.lastIndexOf('/') + 1)) : report.get("<root_account>");
            switch (check) {
                case "console-user-without-mfa" -> {
                    assertThat(row.get("password_enabled")).isEqualTo("true");
                    assertThat(row.get("mfa_active")).isEqualTo("false");
                }
                case "access-key-created-with-user" -> {
                    assertThat(row.get("password_enabled")).isEqualTo("true");
                    assertThat(row.get("access_key_1_active")).isEqualTo("true");
                    assertThat(row.get("access_key_1_last_used_date")).isEqualTo("N/A");
                    long gap = seconds(row.get("access_key_1_last_rotated")) - seconds(row.get("user_creation_time"));
                    assertThat(gap).isBetween(0L, 10L);
                }
                case "two-active-access-keys" -> {
                    assertThat(row.get("access_key_1_active")).isEqualTo("true");
                    assertThat(row.get("access_key_2_active")).isEqualTo("true");
                }
                case "access-key-not-rotated-90d" -> assertThat(asOf.getEpochSecond() - seconds(row.get("access_key_1_last_rotated")))
                        .isGreaterThan(NINETY_DAYS_SECONDS);
                case "credentials-unused-90d" -> {
                    String lastUsed = row.get("password_last_used");
                    assertThat(asOf.getEpochSecond() - seconds(lastUsed)).isGreaterThan(NINETY_DAYS_SECONDS);
                }
                case "root-access-key-present" -> {
                    assertThat(row.get("arn")).isEqualTo("arn:aws:iam::" + account + ":root");
                    assertThat(row.get("access_key_1_active")).isEqualTo("true");
                }
                case "role-trust-without-session-name-or-source-identity" -> {
                    JsonNode details = GeneratedOrg.JSON.readTree(org.posture(account, "authorization-details.json").toFile());
                    JsonNode role = null;
                    for (JsonNode rd : details.get("RoleDetailList")) {
                        if (principal.equals(rd.get("Arn").asText())) {
                            role = rd;
                        }
                    }
                    assertThat(role).isNotNull();
                    String trust = role.get("AssumeRolePolicyDocument").toString();
                    assertThat(role.at("/AssumeRolePolicyDocument/Statement/0/Principal/AWS").isMissingNode()).isFalse();
                    assertThat(trust).doesNotContain("sts:RoleSessionName").doesNotContain("sts:SourceIdentity");
                }
                case "weak-password-policy" -> {
                    JsonNode policy = GeneratedOrg.JSON.readTree(org.posture(account, "password-policy.json").toFile());
                    assertThat(policy.at("/PasswordPolicy/MinimumPasswordLength").asInt() < 14
                            || policy.at("/PasswordPolicy/PasswordReusePrevention").isMissingNode()).isTrue();
                }
                default -> throw new AssertionError("unknown check " + check);
            }
        }
        assertThat(checks).containsExactlyInAnyOrder("console-user-without-mfa", "access-key-created-with-user",
                "two-active-access-keys", "access-key-not-rotated-90d", "credentials-unused-90d", "root-access-key-present",
                "role-trust-without-session-name-or-source-identity", "weak-password-policy");
    }

    @Test
    void postureFilesAgreeWithTheEvents() throws IOException {
        // last use of every long-term key in the events = its last-used date in the credential report
        Map<String, String> lastUseByKey = new TreeMap<>();
        Map<String, String> accountByKey = new HashMap<>();
        for (JsonNode r : org.records) {
            String key = text(r, "/userIdentity/accessKeyId");
            if (key != null && key.startsWith("AKIA")) {
                lastUseByKey.put(key, text(r, "/eventTime"));
                accountByKey.put(key, text(r, "/userIdentity/accountId"));
            }
        }
        assertThat(lastUseByKey).isNotEmpty();
        for (Map.Entry<String, String> e : lastUseByKey.entrySet()) {
            String account = accountByKey.get(e.getKey());
            JsonNode keys = GeneratedOrg.JSON.readTree(org.posture(account, "access-keys.json").toFile());
            String user = null;
            List<String> userKeys = new ArrayList<>();
            for (JsonNode k : keys.get("AccessKeyMetadata")) {
                if (k.get("AccessKeyId").asText().equals(e.getKey())) {
                    user = k.get("UserName").asText();
                }
            }
            assertThat(user).as("key %s listed in access-keys.json of %s", e.getKey(), account).isNotNull();
            for (JsonNode k : keys.get("AccessKeyMetadata")) {
                if (k.get("UserName").asText().equals(user)) {
                    userKeys.add(k.get("AccessKeyId").asText());
                }
            }
            Map<String, String> row = org.credentialReport(account).get(user);
            int slot = userKeys.indexOf(e.getKey()) + 1;
            String reported = row.get("access_key_" + slot + "_last_used_date");
            assertThat(Instant.parse(reported.replace("+00:00", "Z"))).isEqualTo(Instant.parse(e.getValue()));
        }
        // console sign-ins update password_last_used
        for (JsonNode r : org.records) {
            if ("ConsoleLogin".equals(text(r, "/eventName")) && "IAMUser".equals(text(r, "/userIdentity/type"))
                    && "Success".equals(text(r, "/responseElements/ConsoleLogin"))) {
                Map<String, String> row = org.credentialReport(text(r, "/recipientAccountId")).get(text(r, "/userIdentity/userName"));
                assertThat(seconds(row.get("password_last_used"))).isGreaterThanOrEqualTo(Instant.parse(text(r, "/eventTime")).getEpochSecond());
            }
        }
    }

    @Test
    void credentialReportHasTheIamShape() throws IOException {
        for (JsonNode a : org.groundTruth.at("/organisation/accounts")) {
            String account = a.get("id").asText();
            List<String> lines = Files.readAllLines(org.posture(account, "credential-report.csv"));
            assertThat(lines.get(0)).isEqualTo(PostureWriter.REPORT_HEADER);
            assertThat(lines.get(0).split(",")).hasSize(22);
            String[] root = lines.get(1).split(",", -1);
            assertThat(root).hasSize(22);
            assertThat(root[0]).isEqualTo("<root_account>");
            assertThat(root[1]).isEqualTo("arn:aws:iam::" + account + ":root");
            assertThat(root[3]).isEqualTo("not_supported");
            assertThat(root[5]).isEqualTo("not_supported");
            assertThat(root[6]).isEqualTo("not_supported");
            for (String line : lines.subList(1, lines.size())) {
                for (String cell : line.split(",", -1)) {
                    if (cell.matches("\\d{4}-.*")) {
                        assertThat(cell).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+00:00");
                    }
                }
            }
            JsonNode details = GeneratedOrg.JSON.readTree(org.posture(account, "authorization-details.json").toFile());
            assertThat(details.has("UserDetailList") && details.has("GroupDetailList") && details.has("Policies")).isTrue();
            assertThat(details.get("RoleDetailList")).allSatisfy(r -> assertThat(r.get("AssumeRolePolicyDocument").isObject()).isTrue());
            JsonNode policy = GeneratedOrg.JSON.readTree(org.posture(account, "password-policy.json").toFile());
            assertThat(policy.at("/PasswordPolicy/MinimumPasswordLength").isInt()).isTrue();
        }
    }

    private static long seconds(String reportTime) {
        return OffsetDateTime.parse(reportTime).toEpochSecond();
    }

    private static List<JsonNode> storyEvents(String story) {
        for (JsonNode s : org.groundTruth.get("stories")) {
            if (s.get("story").asText().equals(story)) {
                List<JsonNode> out = new ArrayList<>();
                s.get("eventIds").forEach(id -> out.add(org.byId.get(id.asText())));
                return out;
            }
        }
        throw new AssertionError("no story " + story);
    }

    private static List<String> names(List<JsonNode> events) {
        return events.stream().map(r -> text(r, "/eventName")).toList();
    }
}
