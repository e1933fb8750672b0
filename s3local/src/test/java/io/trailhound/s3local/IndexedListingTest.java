package io.trailhound.s3local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.blobstore.domain.PageSet;
import org.jclouds.blobstore.domain.StorageMetadata;
import org.jclouds.blobstore.options.ListContainerOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The indexed listing answers every listing S3Proxy asks for page by page exactly as jclouds' own store does. */
class IndexedListingTest {
    private static final String BUCKET = "trail";
    /** Keys of a trail's layout, with neighbours that sort around a delimiter ('-' and '.' before '/', '0' after). */
    private static final List<String> KEYS = List.of(
            "AWSLogs/111122223333/CloudTrail/us-east-1/2024/01/01/a.json.gz",
            "AWSLogs/111122223333/CloudTrail/us-east-1/2024/01/01/b.json.gz",
            "AWSLogs/111122223333/CloudTrail/us-east-1/2024/01/02/a.json.gz",
            "AWSLogs/111122223333/CloudTrail/eu-west-1/2024/01/01/a.json.gz",
            "AWSLogs/111122223333/CloudTrail-Digest/us-east-1/2024/01/01/d.json.gz",
            "AWSLogs/111122223333/CloudTrail.txt",
            "AWSLogs/111122223333/CloudTrail0",
            "AWSLogs/444455556666/CloudTrail/us-east-1/2024/01/01/a.json.gz",
            "AWSLogs/o-abc/444455556666/CloudTrail/us-east-1/2024/01/01/a.json.gz",
            "AWSLogs/",
            "AWSLogs",
            "README",
            "z/");

    private BlobStoreContext context;
    /** jclouds' own listing of the objects the indexed listing holds: the same objects, ETags and times. */
    private BlobStore plain;
    private BlobStore indexed;

    @BeforeEach
    void fill() {
        context = S3ProxyServer.inMemoryContext();
        plain = context.getBlobStore();
        indexed = new IndexedListing(plain);
        indexed.createContainerInLocation(null, BUCKET);
        for (String k : KEYS) {
            put(k, "body of " + k);
        }
    }

    @AfterEach
    void close() {
        context.close();
    }

    private void put(String key, String body) {
        indexed.putBlob(BUCKET, indexed.blobBuilder(key).payload(body.getBytes(StandardCharsets.UTF_8)).build());
    }

    @Test
    void everyPageOfEveryListingIsTheSame() {
        List<String> prefixes = new ArrayList<>(List.of("", "A", "AWSLogs", "AWSLogs/", "AWSLogs/111122223333/",
                "AWSLogs/111122223333/CloudTrail", "AWSLogs/111122223333/CloudTrail/", "AWSLogs/1111", "nothing/", "z/"));
        prefixes.add(null);
        for (String prefix : prefixes) {
            for (String delimiter : new String[] {null, "/", "-"}) {
                for (int pageSize : new int[] {1, 2, 3, 1000}) {
                    assertSameListing(prefix, delimiter, pageSize);
                }
            }
        }
    }

    @Test
    void aStartAfterThatIsNoKeyStartsWhereJcloudsDoes() {
        for (String after : new String[] {"AWSLogs/111122223333/CloudTrail/us-east-1/2024/01/01/a", "AWSLogs/2", "AWSLogs/111122223333/CloudTrail/",
                "AWSLogs/111122223333/CloudTrail", "Z", "zz"}) {
            for (String delimiter : new String[] {null, "/"}) {
                ListContainerOptions o = options("AWSLogs/", delimiter, 2).afterMarker(after);
                assertThat(page(indexed, o)).as("after %s, delimiter %s", after, delimiter).isEqualTo(page(plain, o));
            }
        }
    }

    @Test
    void putsAndRemovesAfterTheFirstListingAreListed() {
        ListContainerOptions all = options("AWSLogs/", null, 1000);
        page(indexed, all); // the container's map is built here
        put("AWSLogs/111122223333/CloudTrail/us-east-1/2024/01/03/new.json.gz", "x");
        indexed.removeBlob(BUCKET, KEYS.get(0));
        put(KEYS.get(1), "rewritten, so another ETag and size");
        assertThat(page(indexed, all)).isEqualTo(page(plain, all)).noneMatch(d -> d.contains(KEYS.get(0)))
                .anyMatch(d -> d.contains("new.json.gz"));
        indexed.removeBlobs(BUCKET, List.of(KEYS.get(2), KEYS.get(3))); // not followed key by key: read again
        assertThat(page(indexed, all)).isEqualTo(page(plain, all)).noneMatch(d -> d.contains(KEYS.get(2)));
    }

    /** Every page, following the next marker, of both stores: names, types, ETags, sizes and times. */
    private void assertSameListing(String prefix, String delimiter, int pageSize) {
        String marker = null;
        int pages = 0;
        do {
            ListContainerOptions o = options(prefix, delimiter, pageSize);
            if (marker != null) {
                o.afterMarker(marker);
            }
            PageSet<? extends StorageMetadata> expected = plain.list(BUCKET, o);
            PageSet<? extends StorageMetadata> actual = indexed.list(BUCKET, o);
            assertThat(describe(actual)).as("prefix %s, delimiter %s, page size %d, after %s", prefix, delimiter, pageSize, marker)
                    .isEqualTo(describe(expected));
            assertThat(actual.getNextMarker()).isEqualTo(expected.getNextMarker());
            marker = expected.getNextMarker();
            pages++;
        } while (marker != null && pages < 100);
        assertThat(pages).isLessThan(100);
    }

    private static ListContainerOptions options(String prefix, String delimiter, int pageSize) {
        ListContainerOptions o = new ListContainerOptions().maxResults(pageSize); // as S3Proxy builds them
        if (prefix != null) {
            o.prefix(prefix);
        }
        return delimiter == null ? o.recursive() : o.delimiter(delimiter);
    }

    private static List<String> page(BlobStore s, ListContainerOptions o) {
        PageSet<? extends StorageMetadata> p = s.list(BUCKET, o);
        List<String> d = describe(p);
        d.add("next " + p.getNextMarker());
        return d;
    }

    private static List<String> describe(PageSet<? extends StorageMetadata> page) {
        List<String> d = new ArrayList<>();
        for (StorageMetadata m : page) {
            d.add(m.getType() + " " + m.getName() + " " + m.getETag() + " " + m.getSize() + " " + m.getLastModified());
        }
        return d;
    }
}
