package io.trailhound.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.trailhound.aws.AwsSettings;
import io.trailhound.aws.securityhub.FindingsImport;
import io.trailhound.cli.output.AsffBatches;
import io.trailhound.cli.output.SecurityHubImport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * --securityhub against a local Security Hub: BatchImportFindings calls are SigV4-signed, carry at
 * most 100 findings, survive a throttling 429, report refused findings (stderr, summary, exit 2),
 * and a re-run sends the same finding Ids (Security Hub updates them instead of adding copies).
 */
class SecurityHubImportTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private FakeSecurityHub hub;

    @BeforeEach
    void start() throws IOException {
        hub = new FakeSecurityHub();
    }

    @AfterEach
    void stop() {
        hub.close();
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    @Test
    void importsInBatchesOfAtMostOneHundredRetryingThrottlingAndNamingRefusedFindings() {
        hub.throttleNext.set(1);
        hub.refuse = "finding-137";
        AwsSettings settings = AwsSettings.of(null, null, hub.endpoint()).withRetries(4, Duration.ofMillis(5))
                .withCredentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        SecurityHubImport upload = new SecurityHubImport(new FindingsImport(settings, "eu-west-1"),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        try (AsffBatches batches = new AsffBatches(upload)) {
            for (int i = 0; i < 250; i++) {
                ObjectNode f = JSON.createObjectNode().put("SchemaVersion", "2018-10-08").put("Id", "finding-" + i);
                batches.add(f);
            }
        }
        assertThat(hub.requests.get()).isEqualTo(4); // one throttled, then three batches
        assertThat(hub.batchSizes).containsExactly(100, 100, 50);
        assertThat(hub.authorizations).hasSize(4).allSatisfy(a -> assertThat(a)
                .startsWith("AWS4-HMAC-SHA256 Credential=AKIDTEST/").contains("/eu-west-1/securityhub/aws4_request")
                .contains("Signature="));
        assertThat(upload.failed()).isEqualTo(1);
        JsonNode s = upload.summary().get("securityhub");
        assertThat(s.get("batches").asInt()).isEqualTo(3);
        assertThat(s.get("findings").asInt()).isEqualTo(250);
        assertThat(s.get("imported").asInt()).isEqualTo(249);
        assertThat(s.get("failed").asInt()).isEqualTo(1);
        assertThat(s.at("/failedFindings/0/id").asText()).isEqualTo("finding-137");
        assertThat(s.at("/failedFindings/0/errorCode").asText()).isEqualTo("InvalidInput");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("batch 2: 100 finding(s), 99 imported, 1 failed")
                .contains("not imported: finding-137: InvalidInput");
    }

    @Test
    void auditImportsEveryFindingReportsTheRefusedOneAndARerunSendsTheSameIds() throws IOException {
        System.setProperty("aws.accessKeyId", "AKIDCLI");
        System.setProperty("aws.secretAccessKey", "secret");
        Path org = org(70);
        CliRun json = CliRun.of("audit", org.toString(), "--format", "json", "--as-of", "2026-11-01");
        int findings = JSON.readTree(json.out()).get("findings").size();
        assertThat(findings).isGreaterThan(100);

        CliRun first = CliRun.of("audit", org.toString(), "--format", "asff", "--securityhub", "--asff-region", "eu-west-1",
                "--endpoint-url", hub.endpoint(), "--as-of", "2026-11-01");
        assertThat(first.exit()).as(first.err()).isEqualTo(ExitCodes.OK);
        assertThat(hub.batchSizes).allMatch(n -> n <= 100);
        assertThat(hub.batchSizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(findings);
        assertThat(hub.authorizations).allMatch(a -> a.contains("Credential=AKIDCLI/") && a.contains("/securityhub/"));
        JsonNode summary = JSON.readTree(first.out()).get("securityhub");
        assertThat(summary.get("imported").asInt()).isEqualTo(findings);
        assertThat(summary.get("region").asText()).isEqualTo("eu-west-1");
        List<String> firstIds = new ArrayList<>(hub.ids);

        hub.ids.clear();
        hub.refuse = firstIds.get(3);
        CliRun again = CliRun.of("audit", org.toString(), "--format", "asff", "--securityhub", "--asff-region", "eu-west-1",
                "--endpoint-url", hub.endpoint(), "--as-of", "2026-11-01");
        assertThat(hub.ids).containsExactlyElementsOf(firstIds);
        assertThat(again.exit()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
        assertThat(again.err()).contains("not imported: " + firstIds.get(3));
        assertThat(JSON.readTree(again.out()).at("/securityhub/failed").asInt()).isEqualTo(1);
    }

    /** scan --format asff --securityhub imports the alerts it would print, as audit and export do. */
    @Test
    void scanImportsItsAlertsInBatchesAndARerunSendsTheSameIds() throws IOException {
        System.setProperty("aws.accessKeyId", "AKIDSCAN");
        System.setProperty("aws.secretAccessKey", "secret");
        StringBuilder records = new StringBuilder("{\"Records\":[");
        for (int i = 0; i < 130; i++) {
            records.append(i == 0 ? "" : ",").append(io.trailhound.core.testkit.CloudTrailRecord.event("StopLogging")
                    .source("cloudtrail.amazonaws.com").iamUser("mallory", "AKIAMALLORY000000001").request("name", "trail-" + i)
                    .id("stop-" + i).json());
        }
        Path log = Files.writeString(tmp.resolve("stops.json"), records.append("]}"));
        CliRun printed = CliRun.of("scan", log.toString(), "--format", "asff", "--asff-region", "eu-west-1", "--no-progress",
                "--quarantine", tmp.toString());
        assertThat(printed.exit()).as(printed.err()).isEqualTo(ExitCodes.OK);
        List<String> printedIds = new ArrayList<>();
        for (JsonNode batch : printed.jsonLines()) {
            batch.forEach(f -> printedIds.add(f.get("Id").asText()));
        }
        assertThat(printedIds).hasSize(130);
        assertThat(hub.requests.get()).isZero();

        CliRun first = CliRun.of("scan", log.toString(), "--format", "asff", "--securityhub", "--asff-region", "eu-west-1",
                "--endpoint-url", hub.endpoint(), "--no-progress", "--quarantine", tmp.toString());
        assertThat(first.exit()).as(first.err()).isEqualTo(ExitCodes.OK);
        assertThat(hub.batchSizes).containsExactly(100, 30);
        assertThat(hub.ids).containsExactlyInAnyOrderElementsOf(printedIds); // what it would have printed
        assertThat(hub.authorizations).allMatch(a -> a.contains("Credential=AKIDSCAN/") && a.contains("/eu-west-1/securityhub/"));
        JsonNode summary = JSON.readTree(first.out()).get("securityhub");
        assertThat(summary.get("imported").asInt()).isEqualTo(130);
        assertThat(summary.get("failed").asInt()).isZero();
        assertThat(first.err()).contains("\"type\":\"summary\"").contains("securityhub: batch 2: 30 finding(s)");

        List<String> firstIds = new ArrayList<>(hub.ids);
        hub.ids.clear();
        hub.refuse = firstIds.get(5);
        CliRun again = CliRun.of("scan", log.toString(), "--format", "asff", "--securityhub", "--asff-region", "eu-west-1",
                "--endpoint-url", hub.endpoint(), "--no-progress", "--quarantine", tmp.toString());
        assertThat(hub.ids).containsExactlyElementsOf(firstIds);
        assertThat(again.exit()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
        assertThat(again.err()).contains("not imported: " + firstIds.get(5));
        assertThat(JSON.readTree(again.out()).at("/securityhub/failed").asInt()).isEqualTo(1);

        CliRun notAsff = CliRun.of("scan", log.toString(), "--format", "ndjson", "--securityhub", "--endpoint-url", hub.endpoint());
        assertThat(notAsff.exit()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
        assertThat(notAsff.err()).contains("--format asff");
        CliRun endpointAlone = CliRun.of("scan", log.toString(), "--format", "asff", "--endpoint-url", hub.endpoint());
        assertThat(endpointAlone.exit()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
        assertThat(endpointAlone.err()).contains("--securityhub");
        assertThat(hub.batchSizes).hasSize(4);
    }

    @Test
    void securityhubMisuseIsAUsageErrorBeforeAnyCall() throws IOException {
        Path org = org(1);
        CliRun notAsff = CliRun.of("audit", org.toString(), "--format", "json", "--securityhub", "--endpoint-url", hub.endpoint());
        assertThat(notAsff.exit()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
        assertThat(notAsff.err()).contains("--format asff");
        CliRun otherRegion = CliRun.of("audit", org.toString(), "--format", "asff", "--securityhub", "--region", "eu-west-1");
        assertThat(otherRegion.exit()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
        assertThat(otherRegion.err()).contains("give --asff-region eu-west-1");
        CliRun exportProfile = CliRun.of("export", "--format", "asff", "--profile", "x", "--db", tmp.resolve("s.duckdb").toString());
        assertThat(exportProfile.exit()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
        assertThat(exportProfile.err()).contains("go with --securityhub");
        assertThat(hub.requests.get()).isZero();
    }

    /** One account whose {@code users} console users have no MFA and an old, unrotated key. */
    private Path org(int users) throws IOException {
        Path acct = Files.createDirectories(tmp.resolve("org/111122223333"));
        StringBuilder csv = new StringBuilder("user,arn,user_creation_time,password_enabled,password_last_used,"
                + "password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,"
                + "access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,"
                + "access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,"
                + "access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated\n");
        csv.append("<root_account>,arn:aws:iam::111122223333:root,2020-01-01T00:00:00+00:00,not_supported,no_information,"
                + "not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n");
        for (int i = 0; i < users; i++) {
            csv.append("user").append(i).append(",arn:aws:iam::111122223333:user/user").append(i)
                    .append(",2020-01-01T00:00:00+00:00,true,2026-10-30T00:00:00+00:00,2026-10-01T00:00:00+00:00,N/A,false,"
                            + "true,2025-01-01T00:00:00+00:00,2026-10-31T00:00:00+00:00,us-east-1,s3,"
                            + "false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n");
        }
        Files.writeString(acct.resolve("credential-report.csv"), csv);
        Files.writeString(acct.resolve("password-policy.json"), "{\"PasswordPolicy\":{\"MinimumPasswordLength\":14,"
                + "\"PasswordReusePrevention\":24,\"MaxPasswordAge\":90}}");
        return tmp.resolve("org");
    }

    /** POST /findings/import as Security Hub answers it, with a scripted 429 and one refused finding Id. */
    private static final class FakeSecurityHub implements AutoCloseable {
        final HttpServer server;
        final AtomicInteger requests = new AtomicInteger();
        final AtomicInteger throttleNext = new AtomicInteger();
        final List<String> authorizations = new CopyOnWriteArrayList<>();
        final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
        final List<String> ids = new CopyOnWriteArrayList<>();
        volatile String refuse;

        FakeSecurityHub() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", this::handle);
            server.start();
        }

        String endpoint() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        private void handle(HttpExchange x) throws IOException {
            try (x) {
                requests.incrementAndGet();
                authorizations.add(String.valueOf(x.getRequestHeaders().getFirst("Authorization")));
                JsonNode body = JSON.readTree(x.getRequestBody().readAllBytes());
                if (!x.getRequestMethod().equals("POST") || !x.getRequestURI().getPath().equals("/findings/import")) {
                    answer(x, 404, "{\"Code\":\"NotFound\",\"Message\":\"no route\"}");
                    return;
                }
                if (throttleNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    x.getResponseHeaders().add("x-amzn-ErrorType", "TooManyRequestsException");
                    answer(x, 429, "{\"Code\":\"TooManyRequestsException\",\"Message\":\"Rate exceeded\"}");
                    return;
                }
                JsonNode findings = body.get("Findings");
                batchSizes.add(findings.size());
                ObjectNode out = JSON.createObjectNode();
                int failed = 0;
                for (JsonNode f : findings) {
                    String id = f.get("Id").asText();
                    ids.add(id);
                    if (id.equals(refuse)) {
                        failed++;
                        out.withArray("FailedFindings").addObject().put("Id", id).put("ErrorCode", "InvalidInput")
                                .put("ErrorMessage", "Finding does not adhere to ASFF");
                    }
                }
                out.put("FailedCount", failed).put("SuccessCount", findings.size() - failed);
                out.withArray("FailedFindings");
                answer(x, 200, out.toString());
            }
        }

        private static void answer(HttpExchange x, int status, String body) throws IOException {
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            x.getResponseHeaders().add("Content-Type", "application/json");
            x.sendResponseHeaders(status, b.length);
            x.getResponseBody().write(b);
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
