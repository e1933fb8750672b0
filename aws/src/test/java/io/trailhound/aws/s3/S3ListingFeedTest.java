package io.trailhound.aws.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.aws.LocalS3;
import io.trailhound.core.alert.Alert;
import io.trailhound.core.ingest.BadRecord;
import io.trailhound.core.ingest.InputFeed;
import io.trailhound.core.ingest.InputFinder;
import io.trailhound.core.ingest.InputSource;
import io.trailhound.core.ingest.IngestSummary;
import io.trailhound.core.ingest.QuarantineReason;
import io.trailhound.core.ingest.ReadLimits;
import io.trailhound.core.identity.TrustPolicies;
import io.trailhound.core.rules.RuleFormats;
import io.trailhound.core.rules.engine.DetectionStage;
import io.trailhound.core.rules.engine.Detector;
import io.trailhound.core.rules.engine.RuleSet;
import io.trailhound.core.scan.Scan;
import io.trailhound.core.scan.ScanOptions;
import io.trailhound.core.testkit.CloudTrailFiles;
import io.trailhound.core.testkit.CloudTrailRecord;
import io.trailhound.store.EventStore;
import io.trailhound.store.StoreScan;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;

/**
 * {@code scan s3://} reading while the listing is still going (pages of one key, so a listing of a
 * few days is dozens of calls): the same events in the same order, the same alerts, bad records and
 * counts as reading after the whole listing, and the store's ingest log still skips what it has.
 */
class S3ListingFeedTest {
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

    private static String key(String account, String date, String name) {
        return "AWSLogs/" + account + "/CloudTrail/us-east-1/" + date.replace('-', '/') + "/" + name + ".json.gz";
    }

    private static void put(String bucket, String key, List<String> records) {
        LocalS3.put(client, bucket, key, CloudTrailFiles.gzip(CloudTrailFiles.s3(records)));
    }

    private static String get(String account, String time, String id) {
        return CloudTrailRecord.event("GetObject").account(account).at(time).id(id).json();
    }

    /**
     * Two accounts, two days, three objects a day: a duplicate event in two objects (which copy is
     * kept depends on the order), a StopLogging made with a key whose AssumeRole is in a later
     * object (its alert waits for it), and a record that is not an object (quarantined).
     */
    private static void trail(String bucket) {
        s3.bucket(client, bucket);
        for (String account : List.of(A, B)) {
            for (String date : List.of("2026-11-01", "2026-11-02")) {
                for (int f = 0; f < 3; f++) {
                    List<String> records = new ArrayList<>();
                    for (int i = 0; i < 4; i++) {
                        records.add(get(account, date + "T10:0" + f + ":0" + i + "Z", account + date + "-" + f + "-" + i));
                    }
                    records.add(get(account, "2026-11-01T09:00:00Z", "the-same-event")); // in every object: kept once
                    put(bucket, key(account, date, account + "_" + f), records);
                }
            }
        }
        put(bucket, key(A, "2026-11-01", "z_stop"), List.of(CloudTrailRecord.event("StopLogging")
                .source("cloudtrail.amazonaws.com").account(A).at("2026-11-01T11:00:00Z").id("stop-1")
                .assumedRole("Admin", "alice", "ASIAFEEDTEST0000001", "2026-11-01T10:30:00Z").json()));
        put(bucket, key(B, "2026-11-02", "z_issue"), List.of(CloudTrailRecord.assumeRole(A, "Admin", "alice",
                "ASIAFEEDTEST0000001", 3600).account(B).at("2026-11-01T10:30:00Z").id("issue-1").iamUser("alice", "AKIAFEED1").json()));
        LocalS3.put(client, bucket, key(B, "2026-11-01", "bad"), CloudTrailFiles.gzip("{\"Records\":[1]}"));
    }

    /** What a run shows: every event (id and object) and bad record in the order met, the alerts, the summary's counts. */
    private record Seen(List<String> events, List<String> bad, List<String> alerts, List<Long> counts) {
    }

    private static Seen scan(int threads, Function<Scan.Builder, Scan.Result> run) {
        List<String> events = new ArrayList<>();
        List<String> bad = new ArrayList<>();
        List<String> alerts = new ArrayList<>();
        Scan.Builder b = Scan.builder(new ScanOptions(ReadLimits.defaults(), threads, null))
                .attribution()
                .detection(DetectionStage.inMemory(new Detector(new RuleSet(RuleFormats.builtin().rules())), null,
                        (Alert a) -> alerts.add(a.toString())))
                .onEvent(e -> events.add(e.eventID() + "@" + e.position().source()))
                .onBad(r -> bad.add(r.reason() + "@" + r.position().source()));
        IngestSummary s = run.apply(b).ingest();
        return new Seen(events, bad, alerts, List.of((long) s.files(), s.records(), s.events(), s.duplicates(), s.quarantined(),
                s.unreadable(), s.bytes()));
    }

    /** The feed, noting whether the listing was still going when the first input was handed out. */
    private static class Watched implements InputFeed {
        final InputFeed inner;
        final AtomicReference<Boolean> completeAtFirst = new AtomicReference<>();
        final AtomicReference<Integer> foundAtFirst = new AtomicReference<>();

        Watched(InputFeed inner) {
            this.inner = inner;
        }

        @Override
        public InputSource next(Consumer<BadRecord> unreadable, Runnable beforeWaiting) throws InterruptedException {
            InputSource in = inner.next(unreadable, beforeWaiting);
            if (in != null && completeAtFirst.get() == null) {
                foundAtFirst.compareAndSet(null, inner.found());
                completeAtFirst.compareAndSet(null, inner.complete());
            }
            return in;
        }

        @Override
        public List<BadRecord> unreadable() {
            return inner.unreadable();
        }

        @Override
        public int found() {
            return inner.found();
        }

        @Override
        public long bytesFound() {
            return inner.bytesFound();
        }

        @Override
        public boolean complete() {
            return inner.complete();
        }
    }

    private static InputFinder.Found listFirst(String bucket) {
        return new S3Inputs(client).find(List.of(S3Location.parse("s3://" + bucket + "/")), TrailKeyFilter.ALL,
                new TrailLister(client, 2));
    }

    private static InputFeed feed(String bucket, TrailLister lister) {
        return new S3Inputs(client).feed(S3Location.parse("s3://" + bucket + "/"), TrailKeyFilter.ALL, lister);
    }

    @Test
    void readingWhileManyPagesAreListedSeesWhatReadingAfterTheListingSees() {
        trail("pages");
        TrailLister pagesOfOne = new TrailLister(client, 2, false, 1);
        Seen after = scan(1, b -> b.build().run(listFirst("pages"), (x, y, z, u, v) -> { }));
        AtomicReference<Watched> streamed = new AtomicReference<>();
        Seen during = scan(1, b -> {
            Scan built = b.build(); // the listing starts with the run, as the CLI's does
            streamed.set(new Watched(feed("pages", pagesOfOne)));
            return built.run(streamed.get(), (x, y, z, u, v) -> { });
        });

        // one reader: the same order, so the same copy of the duplicate is kept and the same alert raised
        assertThat(during).isEqualTo(after);
        assertThat(after.events()).hasSize(2 * 2 * 3 * 4 + 1 + 1 + 1); // ... and the duplicate once, StopLogging, AssumeRole
        assertThat(after.alerts()).singleElement().satisfies(a -> assertThat(a).contains("stop-1").contains("alice"));
        assertThat(after.bad()).singleElement().satisfies(b -> assertThat(b).endsWith("/bad.json.gz"));
        // the reading began while the listing was going: pages of one key, dozens of calls
        assertThat(streamed.get().completeAtFirst.get()).isFalse();
        assertThat(streamed.get().foundAtFirst.get()).isLessThan(after.counts().get(0).intValue());
        assertThat(pagesOfOne.listCalls()).isGreaterThan(2 * 2 * 4);

        // several readers: the same events, alerts, bad records and counts, in whatever order they meet
        Seen afterMany = scan(4, b -> b.build().run(listFirst("pages"), (x, y, z, u, v) -> { }));
        Seen duringMany = scan(4, b -> b.build().run(feed("pages", new TrailLister(client, 4, false, 1)), (x, y, z, u, v) -> { }));
        assertThat(duringMany.counts()).isEqualTo(afterMany.counts()).isEqualTo(after.counts());
        assertThat(duringMany.alerts()).containsExactlyInAnyOrderElementsOf(after.alerts());
        assertThat(duringMany.bad()).containsExactlyInAnyOrderElementsOf(after.bad());
        assertThat(duringMany.events()).hasSameSizeAs(after.events());
    }

    @Test
    void anObjectDeletedAfterItWasListedIsQuarantinedAndTheRunGoesOn() {
        s3.bucket(client, "gone");
        put("gone", key(A, "2026-11-01", "a"), List.of(get(A, "2026-11-01T10:00:00Z", "g-1")));
        put("gone", key(A, "2026-11-01", "b_deleted"), List.of(get(A, "2026-11-01T10:00:01Z", "g-2")));
        put("gone", key(A, "2026-11-02", "c"), List.of(get(A, "2026-11-02T10:00:00Z", "g-3")));
        S3Inputs inputs = new S3Inputs(client);
        InputFeed listed = inputs.feed(S3Location.parse("s3://gone/"), TrailKeyFilter.ALL, new TrailLister(client, 2, false, 1));
        InputFeed deletingOne = new Watched(listed) {
            @Override
            public InputSource next(Consumer<BadRecord> unreadable, Runnable beforeWaiting) throws InterruptedException {
                InputSource in = super.next(unreadable, beforeWaiting);
                if (in != null && in.name().contains("b_deleted")) { // listed, handed out, then gone before its GET
                    client.deleteObject(DeleteObjectRequest.builder().bucket("gone").key(in.name().substring("s3://gone/".length()))
                            .build());
                }
                return in;
            }
        };
        Seen r = scan(1, b -> b.build().run(deletingOne, (x, y, z, u, v) -> { }));
        assertThat(r.events()).extracting(e -> e.substring(0, e.indexOf('@'))).containsExactly("g-1", "g-3");
        assertThat(r.bad()).singleElement().satisfies(b -> assertThat(b).startsWith(QuarantineReason.UNREADABLE + "@")
                .contains("b_deleted"));
        assertThat(inputs.gone()).isEqualTo(1);
        assertThat(r.counts().get(0)).isEqualTo(3); // files: all three, one of them unreadable
    }

    @Test
    void theIngestLogSkipsWhatTheStoreHasAsObjectsAreListed() {
        trail("again");
        ScanOptions o = new ScanOptions(ReadLimits.defaults(), 2, null);
        try (EventStore viaFeed = EventStore.open(EventStore.MEMORY, false);
             EventStore viaList = EventStore.open(EventStore.MEMORY, false)) {
            StoreScan.Result first = StoreScan.run(viaFeed, feed("again", new TrailLister(client, 2, false, 1)), o,
                    TrustPolicies.none(), null, (a, b, c, d, e) -> { }, null, null, StoreScan.Batching.DEFAULT);
            StoreScan.Result firstList = StoreScan.run(viaList, listFirst("again"), o, TrustPolicies.none(), null,
                    (a, b, c, d, e) -> { }, null);
            assertThat(first.store().committed()).usingRecursiveComparison().ignoringFields("seconds")
                    .isEqualTo(firstList.store().committed());
            assertThat(first.scan().ingest().files()).isEqualTo(firstList.scan().ingest().files()).isEqualTo(15);
            assertThat(first.store().committed().filesLogged()).isEqualTo(15); // the bad record's object was read whole: logged too
            assertThat(viaFeed.ingestedChecksums()).isEqualTo(viaList.ingestedChecksums());

            put("again", key(B, "2026-11-02", "new"), List.of(get(B, "2026-11-02T12:00:00Z", "new-1")));
            StoreScan.Result second = StoreScan.run(viaFeed, feed("again", new TrailLister(client, 2, false, 1)), o,
                    TrustPolicies.none(), null, (a, b, c, d, e) -> { }, null, null, StoreScan.Batching.DEFAULT);
            assertThat(second.store().filesAlreadyIngested()).isEqualTo(15);
            assertThat(second.scan().ingest().files()).isEqualTo(1);
            assertThat(second.store().committed().eventsAdded()).isEqualTo(1);
        }
    }

    @Test
    void aLocationThatCannotBeListedToItsEndIsReportedOnceAndWhatWasHandedOutIsRead() {
        s3.bucket(client, "partial");
        put("partial", key(A, "2026-11-01", "a"), List.of(get(A, "2026-11-01T10:00:00Z", "p-1")));
        TrailListing listing = new TrailListing("", true);
        TrailListing.Node day1 = listing.newNode("AWSLogs/" + A + "/CloudTrail/us-east-1/2026/11/01/");
        TrailListing.Node day2 = listing.newNode("AWSLogs/" + A + "/CloudTrail/us-east-1/2026/11/02/");
        listing.add(listing.root(), List.of(), List.of(day1, day2), true);
        listing.add(day1, new TrailLister(client, 1).list(S3Location.parse("s3://partial/"), TrailKeyFilter.ALL), List.of(), true);
        InputFeed feed = new Watched(new ListingFeed(S3Location.parse("s3://partial/"), listing, new S3Inputs(client))) {
            @Override
            public InputSource next(Consumer<BadRecord> unreadable, Runnable beforeWaiting) throws InterruptedException {
                InputSource in = super.next(unreadable, beforeWaiting);
                if (in != null) { // the next day's page is refused, after retries
                    listing.fail(new io.trailhound.aws.AwsErrors.AwsCallException("s3:ListBucket (ListObjectsV2)",
                            "s3://partial/" + day2.prefix(), new IllegalStateException("AccessDenied")));
                }
                return in;
            }
        };
        Seen r = scan(3, b -> b.build().run(feed, (x, y, z, u, v) -> { }));
        assertThat(r.events()).extracting(e -> e.substring(0, e.indexOf('@'))).containsExactly("p-1");
        assertThat(r.bad()).containsExactly(QuarantineReason.UNREADABLE + "@s3://partial/"); // once, though three readers asked
        assertThat(r.counts().subList(0, 3)).containsExactly(2L, 1L, 1L); // files: the one read and the location; one record
        assertThat(r.counts().get(5)).isEqualTo(1L); // unreadable
    }
}
