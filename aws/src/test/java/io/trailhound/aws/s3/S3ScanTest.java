package io.trailhound.aws.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.aws.FaultyProxy;
import io.trailhound.aws.LocalS3;
import io.trailhound.aws.TestAws;
import io.trailhound.core.ingest.InputFinder;
import io.trailhound.core.ingest.QuarantineReason;
import io.trailhound.core.identity.TrustPolicies;
import io.trailhound.core.scan.Scan;
import io.trailhound.core.scan.ScanOptions;
import io.trailhound.core.testkit.CloudTrailFiles;
import io.trailhound.core.testkit.CloudTrailRecord;
import io.trailhound.store.EventStore;
import io.trailhound.store.StoreScan;
import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;

/** {@code scan s3://} against S3Proxy: layout pruning, the one reading path, faults, and the store's ingest log. */
class S3ScanTest {
    private static final String ORG = "o-abcdef1234";
    private static final String A = "111122223333";
    private static final String B = "444455556666";
    private static LocalS3 s3;
    private static S3Client client;

    @BeforeAll
    static void start() throws Exception {
        s3 = new LocalS3();
        client = s3.client();
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        s3.close();
    }

    private static String dayPrefix(String account, String region, String date) {
        return "AWSLogs/" + ORG + "/" + account + "/CloudTrail/" + region + "/" + date.replace('-', '/') + "/";
    }

    /** One gzip log file of {@code n} events named for its account, region and day. */
    private static void logFile(String bucket, String account, String region, String date, int n, String tag) {
        List<String> records = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            records.add(CloudTrailRecord.event("GetObject").account(account).at(date + "T10:00:0" + (i % 10) + "Z")
                    .id(tag + "-" + account + "-" + region + "-" + date + "-" + i).json());
        }
        String key = dayPrefix(account, region, date) + account + "_CloudTrail_" + region + "_" + date.replace("-", "")
                + "T1005Z_" + tag + ".json.gz";
        LocalS3.put(client, bucket, key, CloudTrailFiles.gzip(CloudTrailFiles.s3(records)));
    }

    private static void orgTrail(String bucket) {
        s3.bucket(client, bucket);
        for (String account : List.of(A, B)) {
            for (String region : List.of("us-east-1", "eu-west-1")) {
                for (String date : List.of("2026-10-30", "2026-11-01", "2026-11-02", "2026-11-05")) {
                    logFile(bucket, account, region, date, 3, "f");
                }
            }
        }
        // not events: digests and another service's logs under AWSLogs
        LocalS3.put(client, bucket, "AWSLogs/" + ORG + "/" + A + "/CloudTrail-Digest/us-east-1/2026/11/01/d.json.gz",
                CloudTrailFiles.gzip("{\"not\":\"events\"}"));
        LocalS3.put(client, bucket, "AWSLogs/" + ORG + "/" + A + "/vpcflowlogs/us-east-1/2026/11/01/f.log.gz",
                CloudTrailFiles.gzip("flow log"));
    }

    @Test
    void listsOnlyThePrefixesTheFilterWants() {
        orgTrail("prune");
        TrailLister lister = new TrailLister(client, 4);
        TrailKeyFilter f = new TrailKeyFilter(LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-01"), Set.of(A),
                Set.of("us-east-1"));
        List<S3Object> objects = lister.list(S3Location.parse("s3://prune/"), f);

        // 11-01, and 11-02 for files delivered after midnight; not 10-30 or 11-05, not account B, not eu-west-1
        assertThat(objects).extracting(S3Object::key).allMatch(k -> k.startsWith("AWSLogs/" + ORG + "/" + A + "/CloudTrail/us-east-1/2026/11/0"))
                .hasSize(2);
        assertThat(lister.listedPrefixes()).noneMatch(p -> p.contains(B) || p.contains("eu-west-1") || p.contains("/10/")
                || p.contains("/11/05/") || p.contains("Digest") || p.contains("vpcflowlogs"));
        assertThat(lister.listedPrefixes()).contains(dayPrefix(A, "us-east-1", "2026-11-01"));
    }

    @Test
    void withoutAFilterEveryTrailFileIsListedButNotDigests() {
        orgTrail("all");
        List<S3Object> objects = new TrailLister(client, 4).list(S3Location.parse("s3://all"), TrailKeyFilter.ALL);
        assertThat(objects).hasSize(2 * 2 * 4);
        assertThat(objects).extracting(S3Object::etag).doesNotContainNull();
    }

    @Test
    void readsObjectsThroughTheSameDecoderAsFiles() {
        orgTrail("read");
        S3Inputs inputs = new S3Inputs(client);
        InputFinder.Found found = inputs.find(List.of(S3Location.parse("s3://read/AWSLogs/")), TrailKeyFilter.ALL,
                new TrailLister(client, 4));
        Scan.Result r = Scan.builder(new ScanOptions(io.trailhound.core.ingest.ReadLimits.defaults(), 4, null)).build()
                .run(found, (a, b, c, d, e) -> { });
        assertThat(r.ingest().events()).isEqualTo(2 * 2 * 4 * 3);
        assertThat(r.ingest().quarantined()).isZero();
    }

    @Test
    void aTruncatedObjectIsQuarantinedAndADeletedOneCountedAndTheRunGoesOn() {
        s3.bucket(client, "faults");
        logFile("faults", A, "us-east-1", "2026-11-01", 5, "good");
        logFile("faults", A, "us-east-1", "2026-11-01", 5, "deleted");
        byte[] whole = CloudTrailFiles.gzip(CloudTrailFiles.s3(List.of(
                CloudTrailRecord.event("PutObject").id("t-1").json(), CloudTrailRecord.event("PutObject").id("t-2").json())));
        LocalS3.put(client, "faults", dayPrefix(A, "us-east-1", "2026-11-01") + "truncated.json.gz",
                Arrays.copyOf(whole, whole.length - 12));
        S3Inputs inputs = new S3Inputs(client);
        InputFinder.Found found = inputs.find(List.of(S3Location.parse("s3://faults/")), TrailKeyFilter.ALL,
                new TrailLister(client, 2));
        assertThat(found.inputs()).hasSize(3);
        // deleted between the listing and the read
        String deleted = found.inputs().stream().filter(i -> i.name().contains("deleted")).findFirst().orElseThrow().name();
        client.deleteObject(DeleteObjectRequest.builder().bucket("faults").key(deleted.substring("s3://faults/".length())).build());

        List<io.trailhound.core.ingest.BadRecord> bad = new ArrayList<>();
        Scan.Result r = Scan.builder(new ScanOptions(io.trailhound.core.ingest.ReadLimits.defaults(), 2, null))
                .onBad(bad::add).build().run(found, (a, b, c, d, e) -> { });

        // the good file's 5, and the truncated one's first record, whole before the cut (as for a local file)
        assertThat(r.ingest().events()).isEqualTo(6);
        assertThat(inputs.gone()).isEqualTo(1);
        assertThat(inputs.failure(deleted)).isEqualTo(S3Inputs.Failure.GONE);
        assertThat(bad).anySatisfy(b -> {
            assertThat(b.reason()).isEqualTo(QuarantineReason.UNREADABLE);
            assertThat(b.detail()).contains("deleted after it was listed");
        });
        assertThat(bad).anySatisfy(b -> {
            assertThat(b.position().source()).endsWith("truncated.json.gz");
            assertThat(b.reason()).isNotEqualTo(QuarantineReason.UNREADABLE);
        });
    }

    @Test
    void slowDownIsRetriedWithBackoff() throws Exception {
        s3.bucket(client, "slow");
        logFile("slow", A, "us-east-1", "2026-11-01", 4, "a");
        logFile("slow", A, "us-east-1", "2026-11-01", 4, "b");
        try (FaultyProxy proxy = new FaultyProxy(s3.endpoint().getPort(), line -> line.startsWith("GET /slow"), 3);
             S3Client viaProxy = S3Clients.create(TestAws.settings(URI.create("http://127.0.0.1:" + proxy.port())))) {
            S3Inputs inputs = new S3Inputs(viaProxy);
            InputFinder.Found found = inputs.find(List.of(S3Location.parse("s3://slow/")), TrailKeyFilter.ALL,
                    new TrailLister(viaProxy, 2));
            Scan.Result r = Scan.builder(new ScanOptions(io.trailhound.core.ingest.ReadLimits.defaults(), 2, null)).build()
                    .run(found, (a, b, c, d, e) -> { });
            assertThat(proxy.served503()).isEqualTo(3);
            assertThat(r.ingest().events()).isEqualTo(8);
            assertThat(r.ingest().quarantined()).isZero();
        }
    }

    @Test
    void aConnectionLostInTheMiddleOfAnObjectIsPickedUpWhereItStoppedWithARangedGet() throws Exception {
        s3.bucket(client, "cut");
        List<String> records = new ArrayList<>();
        for (int i = 0; i < 200; i++) { // random event ids: an object that compresses to well over the bytes let through
            records.add(CloudTrailRecord.event("GetObject").id(java.util.UUID.randomUUID().toString()).json());
        }
        byte[] object = CloudTrailFiles.gzip(CloudTrailFiles.s3(records));
        assertThat(object.length).isGreaterThan(4_000);
        LocalS3.put(client, "cut", dayPrefix(A, "us-east-1", "2026-11-01") + "cut.json.gz", object);
        try (FaultyProxy proxy = new FaultyProxy(s3.endpoint().getPort(), line -> line.startsWith("GET /cut/AWSLogs/"), 1)
                .cutAfter(1500);
             S3Client viaProxy = S3Clients.create(TestAws.settings(URI.create("http://127.0.0.1:" + proxy.port())))) {
            // listed directly, read through the proxy: the object's GET is the first request of its connection
            InputFinder.Found found = new S3Inputs(viaProxy).find(List.of(S3Location.parse("s3://cut/")), TrailKeyFilter.ALL,
                    new TrailLister(client, 1));
            List<io.trailhound.core.ingest.BadRecord> bad = new ArrayList<>();
            Scan.Result r = Scan.builder(new ScanOptions(io.trailhound.core.ingest.ReadLimits.defaults(), 1, null))
                    .onBad(bad::add).build().run(found, (a, b, c, d, e) -> { });
            assertThat(proxy.cut()).isEqualTo(1);
            assertThat(bad).isEmpty();
            assertThat(r.ingest().events()).isEqualTo(200);
            // the second GET names the bytes still missing and the ETag listed, so it cannot splice in another version
            assertThat(proxy.requests()).filteredOn(h -> h.startsWith("GET /cut/AWSLogs/")).hasSize(2)
                    .last().satisfies(h -> assertThat(h).containsPattern("(?im)^range: bytes=[1-9][0-9]*-$")
                            .containsPattern("(?im)^if-match: \"" + found.inputs().get(0).identity().split("#")[1] + "\"$"));
        }
    }

    @Test
    void aGetFromAwsAsksForNoSecondDigestOfTheBody() throws Exception {
        s3.bucket(client, "digest");
        logFile("digest", A, "us-east-1", "2026-11-01", 3, "d");
        S3Object o = new TrailLister(client, 1).list(S3Location.parse("s3://digest/"), TrailKeyFilter.ALL).get(0);
        // the client as made for AWS itself (no --endpoint-url), only sent to this proxy in front of S3Proxy
        try (FaultyProxy proxy = new FaultyProxy(s3.endpoint().getPort(), line -> false, 0);
             S3Client aws = S3Clients.builder(s3.settings().withEndpoint(null))
                     .endpointOverride(URI.create("http://127.0.0.1:" + proxy.port())).build();
             java.io.InputStream in = S3ObjectStream.open(aws, o)) {
            assertThat(in.readAllBytes()).hasSize((int) o.size());
            assertThat(proxy.requests()).singleElement().satisfies(h -> {
                assertThat(h).startsWith("GET /digest/AWSLogs/");
                // x-amz-te: append-md5 would have S3 append an MD5 the SDK computes over every byte; gzip's CRC-32 checks them
                assertThat(h.toLowerCase(java.util.Locale.ROOT)).contains("\nif-match: ").doesNotContain("x-amz-te")
                        .doesNotContain("x-amz-checksum");
            });
        }
    }

    @Test
    void theIngestLogRemembersObjectsByKeyAndEtag() {
        s3.bucket(client, "again");
        logFile("again", A, "us-east-1", "2026-11-01", 3, "one");
        logFile("again", A, "us-east-1", "2026-11-01", 3, "two");
        ScanOptions o = new ScanOptions(io.trailhound.core.ingest.ReadLimits.defaults(), 2, null);
        try (EventStore store = EventStore.open(EventStore.MEMORY, false)) {
            StoreScan.Result first = StoreScan.run(store, find("again"), o, TrustPolicies.none(), null, (a, b, c, d, e) -> { }, null);
            assertThat(first.store().committed().eventsAdded()).isEqualTo(6);
            assertThat(first.store().committed().filesLogged()).isEqualTo(2);
            assertThat(store.ingestedChecksums()).allMatch(c -> c.startsWith("s3://again/AWSLogs/") && c.contains("#"));

            logFile("again", A, "us-east-1", "2026-11-01", 3, "three");
            StoreScan.Result second = StoreScan.run(store, find("again"), o, TrustPolicies.none(), null, (a, b, c, d, e) -> { }, null);
            assertThat(second.store().filesAlreadyIngested()).isEqualTo(2);
            assertThat(second.scan().ingest().files()).isEqualTo(1);
            assertThat(second.store().committed().eventsAdded()).isEqualTo(3);
        }
    }

    @Test
    void anObjectThatCouldNotBeReadIsNotLoggedAsRead() {
        s3.bucket(client, "retry");
        logFile("retry", A, "us-east-1", "2026-11-01", 3, "x");
        ScanOptions o = new ScanOptions(io.trailhound.core.ingest.ReadLimits.defaults(), 1, null);
        try (EventStore store = EventStore.open(EventStore.MEMORY, false)) {
            InputFinder.Found found = find("retry");
            client.deleteObject(DeleteObjectRequest.builder().bucket("retry")
                    .key(found.inputs().get(0).name().substring("s3://retry/".length())).build());
            StoreScan.Result r = StoreScan.run(store, found, o, TrustPolicies.none(), null, (a, b, c, d, e) -> { }, null);
            assertThat(r.store().committed().filesLogged()).isZero();
            assertThat(r.store().committed().quarantineAdded()).isEqualTo(1);
        }
    }

    private static InputFinder.Found find(String bucket) {
        return new S3Inputs(client).find(List.of(S3Location.parse("s3://" + bucket + "/")), TrailKeyFilter.ALL,
                new TrailLister(client, 2));
    }
}
