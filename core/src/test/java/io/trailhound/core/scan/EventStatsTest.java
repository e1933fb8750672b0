package io.trailhound.core.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.core.ingest.IngestProgress;
import io.trailhound.core.ingest.ReadLimits;
import io.trailhound.core.testkit.CloudTrailFiles;
import io.trailhound.core.testkit.CloudTrailRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The summary's counts, made in the reading threads: every event once, duplicates taken back, on any number of threads. */
class EventStatsTest {
    @TempDir
    Path tmp;

    /**
     * 12 files of 50 records over two accounts, four regions and three event names, a fifth of
     * them in errors; files 6-11 repeat the eventIDs of files 0-5 for half their records, so a
     * duplicate is often read by the other thread, or before its first copy.
     */
    private final java.util.Map<String, Long> expectedAccounts = new java.util.TreeMap<>();
    private long expectedErrors;

    private void files() throws IOException {
        for (int f = 0; f < 12; f++) {
            List<CloudTrailRecord> records = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                int n = f * 50 + i;
                int id = f >= 6 && i % 2 == 0 ? n - 300 : n; // same eventID as a record of file f - 6: a duplicate
                int of = f >= 6 && i % 2 == 0 ? id : n; // a duplicate carries its first copy's values
                CloudTrailRecord r = CloudTrailRecord.event(List.of("GetObject", "PutObject", "ListBuckets").get(of % 3))
                        .source("s3.amazonaws.com").at("2026-11-01T09:" + String.format("%02d", of % 60) + ":00Z")
                        .account(of % 2 == 0 ? "111111111111" : "222222222222").set("/awsRegion", "eu-west-" + (of % 4))
                        .iamUser("u" + of % 7, "AKIAUSER0000000000" + of % 7).id(CloudTrailRecord.uuid(id));
                records.add(of % 5 == 0 ? r.error("AccessDenied", "no") : r);
                if (of == n) { // a first copy
                    expectedAccounts.merge(of % 2 == 0 ? "111111111111" : "222222222222", 1L, Long::sum);
                    expectedErrors += of % 5 == 0 ? 1 : 0;
                }
            }
            CloudTrailFiles.s3(tmp.resolve(String.format("f%02d.json", f)), records.toArray(new CloudTrailRecord[0]));
        }
    }

    private EventStats stats(int threads) {
        Scan.Result r = Scan.builder(new ScanOptions(ReadLimits.defaults(), threads, null)).build()
                .run(List.of(tmp.toString()), IngestProgress.NONE);
        assertThat(r.ingest().duplicates()).isEqualTo(150);
        return r.stats();
    }

    @Test
    void countsEachEventOnceWhateverThreadReadItAndLeavesDuplicatesOut() throws IOException {
        files();
        EventStats one = stats(1);
        assertThat(one.events()).isEqualTo(450);
        // Records 0-299 and the odd ones of 300-599 are first copies: 150 and 300 by account.
        assertThat(expectedAccounts).containsExactly(java.util.Map.entry("111111111111", 150L),
                java.util.Map.entry("222222222222", 300L));
        assertThat(one.accounts(10)).containsExactly(new EventStats.Count("222222222222", 300),
                new EventStats.Count("111111111111", 150));
        assertThat(one.errors()).isEqualTo(expectedErrors).isPositive();
        assertThat(one.errorCodes(10)).containsExactly(new EventStats.Count("AccessDenied", expectedErrors));
        assertThat(one.eventNames(10).stream().mapToLong(EventStats.Count::count).sum()).isEqualTo(450);
        assertThat(one.distinctRegions()).isEqualTo(4);
        for (int run = 0; run < 5; run++) {
            EventStats two = stats(2);
            assertThat(two.events()).isEqualTo(one.events());
            assertThat(two.errors()).isEqualTo(one.errors());
            assertThat(two.accounts(10)).isEqualTo(one.accounts(10));
            assertThat(two.regions(10)).isEqualTo(one.regions(10));
            assertThat(two.identityTypes(10)).isEqualTo(one.identityTypes(10));
            assertThat(two.eventSources(10)).isEqualTo(one.eventSources(10));
            assertThat(two.eventNames(10)).isEqualTo(one.eventNames(10));
            assertThat(two.errorCodes(10)).isEqualTo(one.errorCodes(10));
            assertThat(two.first()).isEqualTo(one.first());
            assertThat(two.last()).isEqualTo(one.last());
        }
    }

    @Test
    void anEventAcceptedWithoutPreparationIsCountedToo() {
        EventStats s = new EventStats();
        s.accept(CloudTrailRecord.event("GetObject").source("s3.amazonaws.com").at("2026-11-01T09:00:00Z").decoded(), null);
        assertThat(s.events()).isEqualTo(1);
        assertThat(s.eventNames(5)).containsExactly(new EventStats.Count("GetObject", 1));
        assertThat(s.first()).isEqualTo(java.time.Instant.parse("2026-11-01T09:00:00Z"));
    }

    /** Past 10,000 distinct values a field's new values count under "(other)", one after another or not. */
    @Test
    void newValuesPastTheDistinctBoundCountUnderOther() {
        EventStats s = new EventStats();
        for (int i = 0; i < 10_001; i++) {
            s.accept(CloudTrailRecord.event("GetObject").at("2026-11-01T09:00:00Z").account(String.format("%012d", i)).decoded(), null);
        }
        for (String account : List.of("999999999999", "999999999999", "000000000007")) {
            s.accept(CloudTrailRecord.event("GetObject").at("2026-11-01T09:00:00Z").account(account).decoded(), null);
        }
        assertThat(s.distinctAccounts()).isEqualTo(10_001); // 10,000 and "(other)"
        assertThat(s.accounts(2)).containsExactly(new EventStats.Count("(other)", 3), new EventStats.Count("000000000007", 2));
    }
}
