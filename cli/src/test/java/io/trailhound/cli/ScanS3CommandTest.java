package io.trailhound.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailhound.core.testkit.CloudTrailFiles;
import io.trailhound.core.testkit.CloudTrailRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scan s3://} end to end: the objects are read while they are still listed (pages of two
 * keys here), and the run reports what the scan of the same files on disk reports: counts, the
 * attribution, the alerts; with {@code --db}, a second run reads only the new object.
 */
class ScanS3CommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String A = "111122223333";
    private static final String B = "444455556666";

    @TempDir
    Path tmp;
    private LocalS3Objects s3;
    private Path logs;

    @BeforeEach
    void start() throws IOException {
        s3 = new LocalS3Objects().pageSize(2);
        System.setProperty("aws.accessKeyId", "AKIDTESTTESTTEST");
        System.setProperty("aws.secretAccessKey", "test-secret-not-a-credential");
        logs = tmp.resolve("logs");
        for (String account : List.of(A, B)) {
            for (String day : List.of("01", "02")) {
                for (int f = 0; f < 3; f++) {
                    List<String> records = new ArrayList<>();
                    for (int i = 0; i < 3; i++) {
                        records.add(CloudTrailRecord.event("GetObject").account(account).at("2026-11-" + day + "T10:0" + f + ":0" + i + "Z")
                                .id(account + day + f + i).json());
                    }
                    records.add(CloudTrailRecord.event("GetObject").account(account).at("2026-11-01T09:00:00Z").id("dup").json());
                    object(account, day, account + "_" + f, records);
                }
            }
        }
        object(A, "01", "z_stop", List.of(CloudTrailRecord.event("StopLogging").source("cloudtrail.amazonaws.com").account(A)
                .at("2026-11-01T11:00:00Z").assumedRole("Admin", "alice", "ASIAS3CLITEST000001", "2026-11-01T10:30:00Z")
                .request("name", "org-trail").id("stop-1").json()));
        object(B, "02", "z_issue", List.of(CloudTrailRecord.assumeRole(A, "Admin", "alice", "ASIAS3CLITEST000001", 3600)
                .account(B).at("2026-11-01T10:30:00Z").iamUser("alice", "AKIAS3CLI0001").id("issue-1").json()));
    }

    @AfterEach
    void stop() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
        s3.close();
    }

    /** The same gzip object on disk under logs/ and in the bucket, at the same key. */
    private void object(String account, String day, String name, List<String> records) throws IOException {
        String key = "AWSLogs/" + account + "/CloudTrail/us-east-1/2026/11/" + day + "/" + name + ".json.gz";
        byte[] body = CloudTrailFiles.gzip(CloudTrailFiles.s3(records));
        Path file = logs.resolve(key);
        Files.createDirectories(file.getParent());
        Files.write(file, body);
        s3.put("trail", key, body);
    }

    private CliRun scan(String what, String... more) {
        List<String> args = new ArrayList<>(List.of("scan", what, "--format", "json", "--no-progress",
                "--quarantine", tmp.resolve("q").toString()));
        if (what.startsWith("s3://")) {
            args.addAll(List.of("--endpoint-url", s3.endpoint(), "--region", "us-east-1"));
        }
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    /** The summary with what differs between two runs of the same data left out: times, and where the objects live. */
    private JsonNode comparable(CliRun r, String root) throws IOException {
        assertThat(r.exit()).as(r.err()).isZero();
        String text = r.out().replace(root, "ROOT/");
        JsonNode doc = JSON.readTree(text);
        strip(doc);
        return doc;
    }

    private static void strip(JsonNode n) {
        if (n instanceof ObjectNode o) {
            o.remove(List.of("seconds", "eventsPerSecond", "quarantineFile", "path", "commitSeconds"));
        }
        n.forEach(ScanS3CommandTest::strip);
    }

    @Test
    void aScanOfTheBucketReportsWhatTheScanOfTheSameFilesReports() throws IOException {
        CliRun local = scan(logs.toString(), "--threads", "1");
        CliRun overS3 = scan("s3://trail/", "--threads", "1");
        // the root, AWSLogs/, each account and its CloudTrail/ folder, listed at once below it (no filter leaves out a region
        // or day there): 6 prefixes, not 16 level by level
        assertThat(overS3.err()).contains("s3: 6 prefixes listed in ");
        assertThat(s3.listCalls()).isGreaterThan(6); // pages of two keys: some prefixes take several calls

        JsonNode fromS3 = comparable(overS3, "s3://trail/");
        assertThat(fromS3).isEqualTo(comparable(local, logs.toString() + "/"));
        assertThat(fromS3.at("/files").asInt()).isEqualTo(14);
        assertThat(fromS3.at("/duplicates").asInt()).isEqualTo(11); // "dup" in each of the 12 objects
        assertThat(fromS3.get("alerts")).singleElement().satisfies(a -> {
            assertThat(a.get("eventID").asText()).isEqualTo("stop-1");
            assertThat(a.at("/origin/confidence").asText()).isEqualTo("exact"); // the issuance came in a later object
        });
    }

    @Test
    void withAStoreASecondRunReadsOnlyTheObjectAddedSince() throws IOException {
        String db = tmp.resolve("s3.duckdb").toString();
        CliRun first = scan("s3://trail/", "--db", db, "--threads", "4");
        assertThat(first.exit()).as(first.err()).isZero();
        JsonNode one = JSON.readTree(first.out());
        assertThat(one.at("/store/filesLogged").asInt()).isEqualTo(14);
        assertThat(one.at("/store/filesAlreadyIngested").asInt()).isZero();

        s3.put("trail", "AWSLogs/" + B + "/CloudTrail/us-east-1/2026/11/02/new.json.gz", CloudTrailFiles.gzip(CloudTrailFiles.s3(
                List.of(CloudTrailRecord.event("ListBuckets").account(B).at("2026-11-02T12:00:00Z").id("new-1").json()))));
        CliRun second = scan("s3://trail/", "--db", db, "--threads", "4");
        assertThat(second.exit()).as(second.err()).isZero();
        JsonNode two = JSON.readTree(second.out());
        assertThat(two.at("/store/filesAlreadyIngested").asInt()).isEqualTo(14);
        assertThat(two.at("/files").asInt()).isEqualTo(1);
        assertThat(two.at("/store/eventsAdded").asInt()).isEqualTo(1);
        assertThat(two.at("/store/eventsInStore").asInt()).isEqualTo(one.at("/store/eventsInStore").asInt() + 1);
    }
}
