package io.trailhound.aws.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The listing as the readers walk it: key order whatever order pages arrive in, waiting only for what comes next. */
class TrailListingTest {
    private static S3Object object(String key) {
        return new S3Object("b", key, "e-" + key, 10, null);
    }

    private static List<String> drain(TrailListing listing) throws InterruptedException {
        List<String> keys = new ArrayList<>();
        for (S3Object o; (o = listing.next(() -> { })) != null; ) {
            keys.add(o.key());
        }
        return keys;
    }

    @Test
    void objectsComeOutInKeyOrderWhateverOrderTheirPagesArriveIn() throws Exception {
        TrailListing listing = new TrailListing("", true);
        TrailListing.Node day1 = listing.newNode("d/01/");
        TrailListing.Node day2 = listing.newNode("d/02/");
        // the root: a file before the days, the two days, a file after them (objects and prefixes merged by key)
        listing.add(listing.root(), List.of(object("a.json"), object("z.json")), List.of(day1, day2), true);
        // the later day is listed first, and the earlier one in two pages
        listing.add(day2, List.of(object("d/02/x"), object("d/02/y")), List.of(), true);
        listing.add(day1, List.of(object("d/01/p")), List.of(), false);
        assertThat(listing.complete()).isFalse();
        listing.add(day1, List.of(object("d/01/q")), List.of(), true);

        assertThat(listing.complete()).isTrue();
        assertThat(listing.found()).isEqualTo(6);
        assertThat(listing.bytesFound()).isEqualTo(60);
        assertThat(drain(listing)).containsExactly("a.json", "d/01/p", "d/01/q", "d/02/x", "d/02/y", "z.json");
    }

    @Test
    void aReaderGetsWhatIsKnownAndWaitsForTheNextPageHandingOnWhatItHoldsFirst() throws Exception {
        TrailListing listing = new TrailListing("", true);
        TrailListing.Node day1 = listing.newNode("d/01/");
        listing.add(listing.root(), List.of(), List.of(day1), true);
        listing.add(day1, List.of(object("d/01/p")), List.of(), false);
        assertThat(listing.next(() -> { throw new AssertionError("nothing to wait for"); }).key()).isEqualTo("d/01/p");

        AtomicInteger handedOn = new AtomicInteger();
        CompletableFuture<S3Object> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return listing.next(handedOn::incrementAndGet);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        // the reader waits: the page after p is not known yet, and it handed on what it held once
        Thread.sleep(100);
        assertThat(waiting).isNotDone();
        assertThat(handedOn).hasValue(1);
        listing.add(day1, List.of(object("d/01/q")), List.of(), true);
        assertThat(waiting.get(5, TimeUnit.SECONDS).key()).isEqualTo("d/01/q");
        assertThat(listing.next(() -> { })).isNull();
        assertThat(handedOn).hasValue(1);
    }

    @Test
    void afterAFailureNothingMoreComesOutAndTheFailureIsKept() throws Exception {
        TrailListing listing = new TrailListing("", true);
        TrailListing.Node day1 = listing.newNode("d/01/");
        TrailListing.Node day2 = listing.newNode("d/02/");
        listing.add(listing.root(), List.of(), List.of(day1, day2), true);
        listing.add(day1, List.of(object("d/01/p")), List.of(), true);
        assertThat(listing.next(() -> { }).key()).isEqualTo("d/01/p");

        IllegalStateException failure = new IllegalStateException("AccessDenied on d/02/");
        listing.fail(failure);
        listing.fail(new IllegalStateException("a later one"));
        listing.add(day2, List.of(object("d/02/x")), List.of(), true);

        assertThat(listing.next(() -> { })).isNull();
        assertThat(listing.failure()).isSameAs(failure);
        assertThat(listing.complete()).isTrue();
    }

    @Test
    void aLocationTheFilterLeavesOutIsCompleteAndEmpty() throws Exception {
        TrailListing listing = new TrailListing("AWSLogs/", false);
        assertThat(listing.complete()).isTrue();
        assertThat(listing.next(() -> { throw new AssertionError("nothing to wait for"); })).isNull();
    }

    @Test
    void keysCompareAsS3OrdersThemByCodePoint() {
        assertThat(TrailListing.compareKeys("a/", "a/b")).isNegative();
        assertThat(TrailListing.compareKeys("a.json", "a/")).isNegative(); // '.' before '/'
        // U+FF5E after U+1F600's surrogates in UTF-16, before it in code points (and in UTF-8 bytes)
        assertThat(TrailListing.compareKeys("\uFF5E", "\uD83D\uDE00")).isNegative();
        assertThat("\uFF5E".compareTo("\uD83D\uDE00")).isPositive();
    }
}
