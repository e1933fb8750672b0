package io.trailhound.synth;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import static io.trailhound.synth.GeneratedOrg.text;
import static org.assertj.core.api.Assertions.assertThat;

/** Every record, per event family, has the fields real CloudTrail records have, well formed. */
class EventSchemaTest {
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern ISO = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Pattern TEMP_KEY = Pattern.compile("ASIA[A-Z2-7]{16}");
    private static final Pattern LONG_KEY = Pattern.compile("AKIA[A-Z2-7]{16}");
    private static final Pattern USER_ID = Pattern.compile("AIDA[A-Z2-7]{17}");
    private static final Pattern ROLE_ID = Pattern.compile("AROA[A-Z2-7]{17}");
    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws:iam::\\d{12}:role/([\\w+=,.@/-]+/)?([\\w+=,.@-]+)");
    private static final Pattern USER_ARN = Pattern.compile("arn:aws:iam::\\d{12}:user/[\\w+=,.@-]+");
    private static final Pattern SESSION_ARN = Pattern.compile("arn:aws:sts::\\d{12}:assumed-role/[\\w+=,.@-]+/[\\w+=,.@-]{2,64}");
    private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");
    private static final DateTimeFormatter EXPIRATION = DateTimeFormatter.ofPattern("MMM d, yyyy, h:mm:ss a", Locale.US);

    static GeneratedOrg org;

    @BeforeAll
    static void generate(@TempDir Path dir) throws IOException {
        org = GeneratedOrg.generate(GeneratedOrg.config(dir, 11, 3, 10, 1, 6000, OutputLayout.S3));
    }

    @Test
    void everyRecordHasTheCommonFields() {
        Set<String> ids = new HashSet<>();
        for (JsonNode r : org.records) {
            assertThat(text(r, "/eventVersion")).isIn("1.08", "1.09", "1.10");
            assertThat(text(r, "/eventTime")).matches(ISO);
            Instant.parse(text(r, "/eventTime"));
            assertThat(text(r, "/eventID")).matches(UUID);
            assertThat(ids.add(text(r, "/eventID"))).as("eventID unique").isTrue();
            assertThat(text(r, "/requestID")).isNotBlank();
            assertThat(text(r, "/eventSource")).endsWith(".amazonaws.com");
            assertThat(text(r, "/awsRegion")).isIn("us-east-1", "eu-west-1");
            assertThat(text(r, "/recipientAccountId")).matches(ACCOUNT);
            assertThat(text(r, "/eventType")).isIn("AwsApiCall", "AwsConsoleSignIn", "AwsServiceEvent");
            assertThat(r.get("managementEvent").asBoolean()).isTrue();
            assertThat(r.get("readOnly").isBoolean()).isTrue();
            assertThat(text(r, "/eventCategory")).isEqualTo("Management");
            assertThat(r.has("requestParameters") && r.has("responseElements")).isTrue();
            assertThat(text(r, "/sourceIPAddress")).isNotBlank();
            assertThat(text(r, "/userAgent")).isNotBlank();
            if (r.has("tlsDetails")) {
                assertThat(text(r, "/tlsDetails/tlsVersion")).isIn("TLSv1.2", "TLSv1.3");
                assertThat(text(r, "/tlsDetails/clientProvidedHostHeader")).contains("amazon");
            }
        }
    }

    @Test
    void assumeRole() {
        for (JsonNode r : family("AssumeRole")) {
            assertThat(text(r, "/userIdentity/type")).isIn("IAMUser", "AssumedRole", "AWSService", "AWSAccount");
            String roleArn = text(r, "/requestParameters/roleArn");
            assertThat(roleArn).matches(ROLE_ARN);
            String session = text(r, "/requestParameters/roleSessionName");
            assertThat(session).matches(SESSION_NAME);
            assertIssuedCredentials(r, Duration.ofHours(12));
            String roleName = roleArn.substring(roleArn.lastIndexOf('/') + 1);
            assertThat(text(r, "/responseElements/assumedRoleUser/assumedRoleId")).matches(ROLE_ID.pattern() + ":" + Pattern.quote(session));
            assertThat(text(r, "/responseElements/assumedRoleUser/arn")).matches(SESSION_ARN)
                    .endsWith(":assumed-role/" + roleName + "/" + session);
            assertThat(text(r, "/resources/0/type")).isEqualTo("AWS::IAM::Role");
            switch (text(r, "/userIdentity/type")) {
                case "AWSService" -> {
                    assertThat(text(r, "/userIdentity/invokedBy")).isIn("ec2.amazonaws.com", "lambda.amazonaws.com");
                    assertThat(text(r, "/sourceIPAddress")).isEqualTo(text(r, "/userIdentity/invokedBy"));
                }
                case "AWSAccount" -> {
                    assertThat(text(r, "/userIdentity/accountId")).matches(ACCOUNT).isNotEqualTo(text(r, "/recipientAccountId"));
                    assertThat(text(r, "/userIdentity/principalId")).matches("(AIDA|AROA)[A-Z2-7]{17}(:.+)?");
                    assertThat(text(r, "/sharedEventID")).matches(UUID);
                }
                default -> assertSignedIdentity(r);
            }
        }
    }

    @Test
    void assumeRoleWithSaml() {
        for (JsonNode r : family("AssumeRoleWithSAML")) {
            assertThat(text(r, "/userIdentity/type")).isEqualTo("SAMLUser");
            String subject = text(r, "/userIdentity/userName");
            assertThat(subject).contains("@");
            assertThat(text(r, "/userIdentity/principalId")).isEqualTo(text(r, "/userIdentity/identityProvider") + ":" + subject);
            String provider = text(r, "/requestParameters/principalArn");
            assertThat(provider).matches("arn:aws:iam::\\d{12}:saml-provider/(Okta|AWSSSO_[0-9a-f]{16}_DO_NOT_DELETE)");
            String roleArn = text(r, "/requestParameters/roleArn");
            if (provider.contains("AWSSSO_")) {
                assertThat(roleArn).matches("arn:aws:iam::\\d{12}:role/aws-reserved/sso\\.amazonaws\\.com/AWSReservedSSO_\\w+_[0-9a-f]{16}");
            }
            assertThat(text(r, "/requestParameters/roleSessionName")).isEqualTo(subject);
            assertThat(text(r, "/responseElements/subject")).isEqualTo(subject);
            assertThat(text(r, "/responseElements/audience")).isEqualTo("https://signin.aws.amazon.com/saml");
            assertThat(text(r, "/responseElements/nameQualifier")).isEqualTo(text(r, "/userIdentity/identityProvider"));
            assertThat(text(r, "/responseElements/assumedRoleUser/arn")).endsWith("/" + subject);
            assertIssuedCredentials(r, Duration.ofHours(12));
        }
    }

    @Test
    void assumeRoleWithWebIdentity() {
        for (JsonNode r : family("AssumeRoleWithWebIdentity")) {
            assertThat(text(r, "/userIdentity/type")).isEqualTo("WebIdentityUser");
            String provider = text(r, "/userIdentity/identityProvider");
            assertThat(provider).matches("arn:aws:iam::\\d{12}:oidc-provider/token\\.actions\\.githubusercontent\\.com");
            assertThat(text(r, "/userIdentity/userName")).startsWith("repo:")
                    .isEqualTo(text(r, "/responseElements/subjectFromWebIdentityToken"));
            assertThat(text(r, "/responseElements/provider")).isEqualTo(provider);
            assertThat(text(r, "/responseElements/audience")).isEqualTo("sts.amazonaws.com");
            assertIssuedCredentials(r, Duration.ofHours(1));
        }
    }

    @Test
    void getSessionToken() {
        for (JsonNode r : family("GetSessionToken")) {
            assertThat(text(r, "/userIdentity/type")).isEqualTo("IAMUser");
            assertThat(text(r, "/userIdentity/accessKeyId")).matches(LONG_KEY);
            long duration = r.at("/requestParameters/durationSeconds").asLong();
            assertThat(duration).isBetween(900L, 129_600L);
            assertThat(Duration.between(eventTime(r), expiration(r)).getSeconds()).isEqualTo(duration);
            assertIssuedCredentials(r, Duration.ofHours(36));
        }
    }

    @Test
    void assumeRoot() {
        String management = org.groundTruth.at("/organisation/managementAccount").asText();
        for (JsonNode r : family("AssumeRoot")) {
            assertThat(text(r, "/recipientAccountId")).isEqualTo(management);
            assertThat(text(r, "/userIdentity/accountId")).isEqualTo(management);
            assertThat(text(r, "/userIdentity/type")).isIn("AssumedRole", "IAMUser");
            assertThat(text(r, "/requestParameters/targetPrincipal")).matches(ACCOUNT).isNotEqualTo(management);
            assertThat(text(r, "/requestParameters/taskPolicyArn/arn")).startsWith("arn:aws:iam::aws:policy/root-task/");
            assertIssuedCredentials(r, Duration.ofMinutes(15));
        }
        List<JsonNode> rootCalls = org.records.stream()
                .filter(r -> "Root".equals(text(r, "/userIdentity/type"))).toList();
        assertThat(rootCalls).isNotEmpty().allSatisfy(r -> {
            assertThat(text(r, "/userIdentity/sessionContext/assumedRoot")).isEqualTo("true");
            assertThat(text(r, "/userIdentity/accessKeyId")).matches(TEMP_KEY);
            assertThat(text(r, "/userIdentity/inScopeOf/sourceAccount")).isEqualTo(management);
            assertThat(text(r, "/userIdentity/arn")).isEqualTo("arn:aws:iam::" + text(r, "/recipientAccountId") + ":root");
        });
    }

    @Test
    void consoleLogin() {
        for (JsonNode r : family("ConsoleLogin")) {
            assertThat(text(r, "/eventSource")).isEqualTo("signin.amazonaws.com");
            assertThat(text(r, "/eventType")).isEqualTo("AwsConsoleSignIn");
            assertThat(text(r, "/responseElements/ConsoleLogin")).isIn("Success", "Failure");
            assertThat(text(r, "/additionalEventData/MFAUsed")).isIn("Yes", "No");
            assertThat(text(r, "/additionalEventData/LoginTo")).startsWith("https://console.aws.amazon.com/");
            String type = text(r, "/userIdentity/type");
            assertThat(type).isIn("IAMUser", "AssumedRole");
            if (type.equals("IAMUser")) {
                assertThat(text(r, "/userIdentity/arn")).matches(USER_ARN);
                assertThat(text(r, "/userIdentity/principalId")).matches(USER_ID);
                assertThat(r.at("/userIdentity/accessKeyId").isMissingNode()).isTrue();
            } else {
                assertThat(text(r, "/userIdentity/arn")).matches(SESSION_ARN);
            }
            if ("Failure".equals(text(r, "/responseElements/ConsoleLogin"))) {
                assertThat(text(r, "/errorMessage")).isEqualTo("Failed authentication");
            }
        }
    }

    @Test
    void switchRole() {
        // the console's AssumeRole, made by "AWS Internal" as the user at the same moment, keyed by what links them
        Set<String> consoleAssumeRoles = new HashSet<>();
        for (JsonNode a : family("AssumeRole")) {
            if ("AWS Internal".equals(text(a, "/userIdentity/invokedBy"))) {
                consoleAssumeRoles.add(text(a, "/eventTime") + " " + text(a, "/userIdentity/arn") + " "
                        + text(a, "/responseElements/assumedRoleUser/arn"));
            }
        }
        for (JsonNode r : family("SwitchRole")) {
            assertThat(text(r, "/eventType")).isEqualTo("AwsConsoleSignIn");
            assertThat(text(r, "/userIdentity/type")).isEqualTo("AssumedRole");
            assertThat(text(r, "/userIdentity/arn")).matches(SESSION_ARN);
            assertThat(text(r, "/responseElements/SwitchRole")).isEqualTo("Success");
            String from = text(r, "/additionalEventData/SwitchFrom");
            assertThat(from).matches(USER_ARN);
            assertThat(consoleAssumeRoles).contains(text(r, "/eventTime") + " " + from + " " + text(r, "/userIdentity/arn"));
        }
    }

    @Test
    void ordinaryApiCalls() {
        List<JsonNode> calls = org.records.stream().filter(EventSchemaTest::ordinaryCall).toList();
        long errors = 0;
        for (JsonNode r : calls) {
            assertSignedIdentity(r);
            if ("true".equals(text(r, "/sessionCredentialFromConsole"))) {
                assertThat(text(r, "/userIdentity/accessKeyId")).matches(TEMP_KEY);
                assertThat(r.has("tlsDetails")).isFalse();
            } else {
                assertThat(r.has("sessionCredentialFromConsole")).isFalse();
                assertThat(text(r, "/tlsDetails/clientProvidedHostHeader")).endsWith(".amazonaws.com");
            }
            if (r.has("errorCode")) {
                errors++;
                assertThat(text(r, "/errorCode")).isIn("AccessDenied", "Client.UnauthorizedOperation");
                assertThat(text(r, "/errorMessage")).isNotBlank();
                assertThat(r.get("responseElements").isNull()).isTrue();
            }
        }
        assertThat(calls).hasSizeGreaterThan(org.records.size() / 2);
        assertThat(errors / (double) calls.size()).isBetween(0.015, 0.045);
    }

    @Test
    void everyFamilyIsPresent() {
        for (String f : List.of("AssumeRole", "AssumeRoleWithSAML", "AssumeRoleWithWebIdentity", "GetSessionToken",
                "GetFederationToken", "AssumeRoot", "ConsoleLogin", "SwitchRole", "CheckMfa", "GetSigninToken")) {
            assertThat(family(f)).as(f).isNotEmpty();
        }
        assertThat(org.records).anyMatch(r -> "AwsServiceEvent".equals(text(r, "/eventType")));
        assertThat(org.records).anyMatch(r -> text(r, "/userIdentity/sessionContext/sourceIdentity") != null);
        assertThat(org.records).anyMatch(r -> "2.0".equals(text(r, "/userIdentity/sessionContext/ec2RoleDelivery")));
        assertThat(org.records).anyMatch(r -> text(r, "/userIdentity/sessionContext/webIdFederationData/federatedProvider") != null);
    }

    // ------------------------------------------------------------------ helpers

    private static boolean ordinaryCall(JsonNode r) {
        String source = text(r, "/eventSource");
        return "AwsApiCall".equals(text(r, "/eventType")) && !source.equals("signin.amazonaws.com")
                && !(source.equals("sts.amazonaws.com") && !"GetCallerIdentity".equals(text(r, "/eventName")));
    }

    private static List<JsonNode> family(String eventName) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode r : org.records) {
            if (eventName.equals(text(r, "/eventName"))) {
                out.add(r);
            }
        }
        return out;
    }

    /** userIdentity of a principal signing with keys: type, key prefix and ARN forms agree. */
    private static void assertSignedIdentity(JsonNode r) {
        String type = text(r, "/userIdentity/type");
        String key = text(r, "/userIdentity/accessKeyId");
        assertThat(type).isIn("IAMUser", "AssumedRole", "FederatedUser", "Root");
        assertThat(text(r, "/userIdentity/accountId")).matches(ACCOUNT);
        switch (type) {
            case "IAMUser" -> {
                assertThat(text(r, "/userIdentity/arn")).matches(USER_ARN);
                assertThat(text(r, "/userIdentity/principalId")).matches(USER_ID);
                if (LONG_KEY.matcher(key).matches()) {
                    assertThat(r.at("/userIdentity/sessionContext").isMissingNode()).isTrue();
                } else {
                    assertThat(key).matches(TEMP_KEY);
                    assertAttributes(r);
                }
            }
            case "AssumedRole" -> {
                assertThat(key).matches(TEMP_KEY);
                String arn = text(r, "/userIdentity/arn");
                assertThat(arn).matches(SESSION_ARN);
                String session = arn.substring(arn.lastIndexOf('/') + 1);
                String issuerId = text(r, "/userIdentity/sessionContext/sessionIssuer/principalId");
                assertThat(issuerId).matches(ROLE_ID);
                assertThat(text(r, "/userIdentity/principalId")).isEqualTo(issuerId + ":" + session);
                assertThat(text(r, "/userIdentity/sessionContext/sessionIssuer/type")).isEqualTo("Role");
                assertThat(text(r, "/userIdentity/sessionContext/sessionIssuer/arn")).matches(ROLE_ARN);
                assertAttributes(r);
            }
            case "FederatedUser" -> {
                assertThat(key).matches(TEMP_KEY);
                assertThat(text(r, "/userIdentity/arn")).matches("arn:aws:sts::\\d{12}:federated-user/[\\w+=,.@-]+");
                assertThat(text(r, "/userIdentity/sessionContext/sessionIssuer/type")).isEqualTo("IAMUser");
                assertAttributes(r);
            }
            default -> assertThat(key).matches(TEMP_KEY);
        }
    }

    private static void assertAttributes(JsonNode r) {
        String created = text(r, "/userIdentity/sessionContext/attributes/creationDate");
        assertThat(created).matches(ISO);
        assertThat(Instant.parse(created)).isBeforeOrEqualTo(eventTime(r));
        assertThat(text(r, "/userIdentity/sessionContext/attributes/mfaAuthenticated")).isIn("true", "false");
    }

    private static void assertIssuedCredentials(JsonNode r, Duration longest) {
        assertThat(text(r, "/responseElements/credentials/accessKeyId")).matches(TEMP_KEY);
        assertThat(text(r, "/responseElements/credentials/sessionToken")).hasSizeGreaterThan(100);
        Instant expires = expiration(r);
        assertThat(expires).isAfter(eventTime(r)).isBeforeOrEqualTo(eventTime(r).plus(longest));
    }

    private static Instant eventTime(JsonNode r) {
        return Instant.parse(text(r, "/eventTime"));
    }

    private static Instant expiration(JsonNode r) {
        return LocalDateTime.parse(text(r, "/responseElements/credentials/expiration"), EXPIRATION).toInstant(ZoneOffset.UTC);
    }
}
