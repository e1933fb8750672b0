package io.trailhound.aws.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.aws.LocalS3;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Below an account's {@code CloudTrail/} folder (or a region's, with {@code --regions}) the filter
 * leaves nothing out by folder unless dates are given, so that part is listed without a delimiter
 * in pages of 1,000 keys rather than a call per region, year, month and day. Each key is then
 * decided by its folder: the objects taken, their order and what is counted outside the layout are
 * what the level-by-level walk found (hidden folders and files, folder markers, folders that are no
 * date, objects beside the date folders, a day's sub-folder).
 */
class TrailListerFlatTest {
    private static final String A = "111122223333";
    private static final String CT = "AWSLogs/" + A + "/CloudTrail/";
    private static LocalS3 s3;
    private static S3Client client;

    @BeforeAll
    static void start() throws Exception {
        s3 = new LocalS3();
        client = s3.client();
        s3.bucket(client, "flat");
        for (String key : List.of(CT + "us-east-1/2026/11/01/a.json.gz", CT + "us-east-1/2026/11/01/.hidden.json.gz",
                CT + "us-east-1/2026/11/01/sub/b.json.gz", CT + "us-east-1/2026/11/02/c.json.gz", CT + "us-east-1/2026/11/03/",
                CT + "us-east-1/2026/11/.tmp/d.json.gz", CT + "us-east-1/notes.txt", CT + "us-east-1/export/e.json.gz",
                CT + "eu-west-1/2026/11/01/f.json.gz", CT + "eu-west-1/2026/13/01/h.json.gz",
                "AWSLogs/" + A + "/CloudTrail-Digest/us-east-1/2026/11/01/g.json.gz")) {
            LocalS3.put(client, "flat", key, new byte[] {1});
        }
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        s3.close();
    }

    private record Listed(List<String> keys, long outside, Set<String> prefixes, long calls) {
    }

    private static Listed list(TrailKeyFilter f, int maxKeys, boolean sdk) {
        TrailLister lister = new TrailLister(client, 4, sdk, maxKeys);
        List<String> keys = lister.list(S3Location.parse("s3://flat/"), f).stream().map(S3Object::key).toList();
        return new Listed(keys, lister.outsideLayout(), lister.listedPrefixes(), lister.listCalls());
    }

    @Test
    void withoutAFilterTheCloudTrailFolderIsOneListingWithWhatTheWalkFound() {
        for (int maxKeys : new int[] {0, 1, 2}) {
            for (boolean sdk : new boolean[] {false, true}) {
                Listed l = list(TrailKeyFilter.ALL, maxKeys, sdk);
                assertThat(l.keys()).as("pages of %d, sdk %s", maxKeys, sdk).containsExactly(CT + "eu-west-1/2026/11/01/f.json.gz",
                        CT + "eu-west-1/2026/13/01/h.json.gz", CT + "us-east-1/2026/11/01/a.json.gz",
                        CT + "us-east-1/2026/11/01/sub/b.json.gz", CT + "us-east-1/2026/11/02/c.json.gz",
                        CT + "us-east-1/export/e.json.gz", CT + "us-east-1/notes.txt");
                assertThat(l.outside()).isZero();
                assertThat(l.prefixes()).containsExactlyInAnyOrder("", "AWSLogs/", "AWSLogs/" + A + "/", CT);
                if (maxKeys == 0) {
                    assertThat(l.calls()).isEqualTo(4); // the root, AWSLogs/, the account, and its CloudTrail/ in one page
                }
            }
        }
    }

    @Test
    void anAccountFilterStillListsTheCloudTrailFolderAtOnceAndLeavesOutWhatTheWalkLeftOut() {
        TrailKeyFilter accounts = new TrailKeyFilter(null, null, Set.of(A), null);
        for (int maxKeys : new int[] {0, 1}) {
            Listed l = list(accounts, maxKeys, false);
            // no month 13, no folder that is no year; notes.txt beside the years is counted outside the layout
            assertThat(l.keys()).containsExactly(CT + "eu-west-1/2026/11/01/f.json.gz", CT + "us-east-1/2026/11/01/a.json.gz",
                    CT + "us-east-1/2026/11/01/sub/b.json.gz", CT + "us-east-1/2026/11/02/c.json.gz");
            assertThat(l.outside()).isEqualTo(1);
            assertThat(l.prefixes()).contains(CT).noneMatch(p -> p.length() > CT.length());
        }
    }

    @Test
    void aRegionFilterListsEachWantedRegionAtOnceAndNeverTheOthers() {
        Listed l = list(new TrailKeyFilter(null, null, null, Set.of("us-east-1")), 0, false);
        assertThat(l.keys()).containsExactly(CT + "us-east-1/2026/11/01/a.json.gz", CT + "us-east-1/2026/11/01/sub/b.json.gz",
                CT + "us-east-1/2026/11/02/c.json.gz");
        assertThat(l.outside()).isEqualTo(1);
        assertThat(l.prefixes()).contains(CT + "us-east-1/").noneMatch(p -> p.contains("eu-west-1") || p.contains("/2026/"));
    }

    @Test
    void datesAreStillWalkedDayByDaySoThatDaysLeftOutAreNeverListed() {
        Listed l = list(new TrailKeyFilter(LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-01"), null, null), 0, false);
        assertThat(l.keys()).containsExactly(CT + "eu-west-1/2026/11/01/f.json.gz", CT + "us-east-1/2026/11/01/a.json.gz",
                CT + "us-east-1/2026/11/01/sub/b.json.gz", CT + "us-east-1/2026/11/02/c.json.gz");
        assertThat(l.outside()).isEqualTo(1);
        assertThat(l.prefixes()).contains(CT + "us-east-1/2026/11/01/", CT + "us-east-1/2026/11/02/")
                .noneMatch(p -> p.contains("/13/") || p.contains("export") || p.contains(".tmp"));
    }
}
