package io.trailhound.aws.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailhound.aws.FaultyProxy;
import io.trailhound.aws.LocalS3;
import io.trailhound.aws.TestAws;
import java.net.URI;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import javax.xml.stream.XMLStreamException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/** A ListObjectsV2 page read without the SDK's model: the documented answer, odd keys, and the SDK's own reading alike. */
class ListPageTest {
    private static ListPage parse(String xml) throws Exception {
        return ListPage.parse("b", new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void readsTheDocumentedListBucketResultAndSkipsWhatItDoesNotNeed() throws Exception {
        ListPage page = parse("""
                <?xml version="1.0" encoding="UTF-8"?>
                <ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
                  <Name>b</Name><Prefix>AWSLogs/</Prefix><KeyCount>3</KeyCount><MaxKeys>2</MaxKeys><Delimiter>/</Delimiter>
                  <EncodingType>url</EncodingType><IsTruncated>true</IsTruncated>
                  <Contents>
                    <Key>AWSLogs/a+b%2Bc%26%3C.json.gz</Key><LastModified>2026-11-01T10:05:00.000Z</LastModified>
                    <ETag>&quot;9b2cf535f27731c974343645a3985328&quot;</ETag><ChecksumAlgorithm>CRC32</ChecksumAlgorithm>
                    <Size>1234</Size><Owner><ID>abc</ID><DisplayName>owner</DisplayName></Owner><StorageClass>STANDARD</StorageClass>
                  </Contents>
                  <Contents><Key>AWSLogs/%E2%9C%93.json.gz</Key><ETag>"e2"</ETag><Size>7</Size>
                    <LastModified>2026-11-02T00:00:00.000Z</LastModified></Contents>
                  <CommonPrefixes><Prefix>AWSLogs/111122223333/</Prefix></CommonPrefixes>
                  <CommonPrefixes><Prefix>AWSLogs/o-abc%20def/</Prefix></CommonPrefixes>
                  <NextContinuationToken>1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=</NextContinuationToken>
                </ListBucketResult>""");
        assertThat(page.objects()).containsExactly(
                new S3Object("b", "AWSLogs/a b+c&<.json.gz", "9b2cf535f27731c974343645a3985328", 1234,
                        Instant.parse("2026-11-01T10:05:00Z")),
                new S3Object("b", "AWSLogs/✓.json.gz", "e2", 7, Instant.parse("2026-11-02T00:00:00Z")));
        assertThat(page.prefixes()).containsExactly("AWSLogs/111122223333/", "AWSLogs/o-abc def/");
        assertThat(page.nextToken()).isEqualTo("1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=");

        ListPage last = parse("<ListBucketResult><IsTruncated>false</IsTruncated><Contents><Key>k&amp;1</Key><Size>1</Size>"
                + "</Contents></ListBucketResult>");
        assertThat(last.objects()).extracting(S3Object::key).containsExactly("k&1"); // not URL-encoded: taken as it is
        assertThat(last.nextToken()).isNull();
    }

    @Test
    void lastModifiedIsTheInstantJavaTimeReadsInEveryForm() {
        for (String t : List.of("2026-11-01T10:05:00.000Z", "2026-11-01T10:05:00Z", "2024-02-29T23:59:59.999Z",
                "1999-12-31T00:00:00.001Z", "1969-12-31T23:59:59.500Z", "2026-11-01T10:05:00.123456789Z",
                "2026-11-01T10:05:00.1Z", "2026-11-01T10:05:00+01:00")) {
            assertThat(ListPage.lastModified(t)).as(t).isEqualTo(Instant.from(java.time.format.DateTimeFormatter.ISO_DATE_TIME.parse(t)));
        }
        for (String bad : List.of("2026-13-01T10:05:00.000Z", "2026-11-01 10:05:00.000Z", "2026-02-30T10:05:00Z", "yesterday")) {
            assertThatThrownBy(() -> ListPage.lastModified(bad)).as(bad).isInstanceOf(java.time.format.DateTimeParseException.class);
        }
    }

    @Test
    void aDocumentTypeDeclarationIsRefusedNotFollowed() {
        assertThatThrownBy(() -> parse("<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<ListBucketResult><Contents><Key>&x;</Key></Contents></ListBucketResult>"))
                .isInstanceOf(XMLStreamException.class);
    }

    @Test
    void aPageLostInTheMiddleIsAskedForAgain() throws Exception {
        try (LocalS3 s3 = new LocalS3(); S3Client client = s3.client()) {
            s3.bucket(client, "lost");
            for (int i = 0; i < 20; i++) {
                LocalS3.put(client, "lost", "AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/01/object-" + i + ".json.gz",
                        new byte[] {1});
            }
            // the day's page (about 5 kB of XML), the first request of its connection (the proxy sees those), is cut
            // after 2,000 bytes, once, by a connection reset
            try (FaultyProxy proxy = new FaultyProxy(s3.endpoint().getPort(), line -> line.contains("list-type=2"), 1)
                    .cutAfter(2000);
                 S3Client viaProxy = S3Clients.create(TestAws.settings(URI.create("http://127.0.0.1:" + proxy.port())))) {
                List<S3Object> listed = new TrailLister(viaProxy, 1).list(
                        S3Location.parse("s3://lost/AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/01/"), TrailKeyFilter.ALL);
                assertThat(proxy.cut()).isEqualTo(1);
                assertThat(listed).hasSize(20);
            }
        }
    }

    @Test
    void oddKeysAreListedExactlyAndAsTheSdksOwnListingHasThem() throws Exception {
        List<String> keys = List.of("AWSLogs/x/a b+c.json.gz", "AWSLogs/x/p%41&q<r>'s\".json.gz", "AWSLogs/x/ünï ✓.json.gz",
                "AWSLogs/x/sub dir/z.json.gz");
        try (LocalS3 s3 = new LocalS3(); S3Client client = s3.client()) {
            s3.bucket(client, "odd");
            for (String k : keys) {
                LocalS3.put(client, "odd", k, new byte[] {1, 2, 3});
            }
            S3Location where = S3Location.parse("s3://odd/AWSLogs/x/");
            List<S3Object> lean = new TrailLister(client, 2).list(where, TrailKeyFilter.ALL);
            List<S3Object> sdk = new TrailLister(client, 2, true).list(where, TrailKeyFilter.ALL);
            assertThat(lean).extracting(S3Object::key).containsExactlyInAnyOrderElementsOf(keys);
            assertThat(lean).isEqualTo(sdk);
            assertThat(lean).allSatisfy(o -> assertThat(o.size()).isEqualTo(3));
        }
    }
}
