package io.trailhound.aws.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.trailhound.aws.FaultyProxy;
import io.trailhound.aws.LocalS3;
import io.trailhound.aws.TestAws;
import io.trailhound.core.testkit.CloudTrailFiles;
import io.trailhound.core.testkit.CloudTrailRecord;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * GetObject as {@link S3Get} sends it (SigV4 as the SDK signs it, its HTTP client and retries,
 * not its per-call pipeline): S3 accepts it, and every answer means what it meant through the SDK's GetObject.
 */
class S3GetTest {
    private static LocalS3 s3;
    private static S3Client client;

    @BeforeAll
    static void start() throws Exception {
        s3 = new LocalS3();
        client = s3.client();
        s3.bucket(client, "get");
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        s3.close();
    }

    private static S3Object put(String key, String eventId) {
        LocalS3.put(client, "get", key, CloudTrailFiles.gzip(CloudTrailFiles.s3(List.of(
                CloudTrailRecord.event("GetObject").id(eventId).json()))));
        return new TrailLister(client, 1).list(S3Location.parse("s3://get/" + key), TrailKeyFilter.ALL).get(0);
    }

    @Test
    void oneSignedRequestWithoutTheSdksPerCallPipelineReadsTheObject() throws Exception {
        S3Object o = put("AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/01/a b+c.json.gz", "e-1");
        try (FaultyProxy proxy = new FaultyProxy(s3.endpoint().getPort(), line -> false, 0);
             S3Client viaProxy = S3Clients.create(TestAws.settings(URI.create("http://127.0.0.1:" + proxy.port())));
             InputStream in = S3ObjectStream.open(viaProxy, o)) {
            assertThat(in.readAllBytes()).hasSize((int) o.size());
            assertThat(proxy.requests()).singleElement().satisfies(h -> {
                String head = h.toLowerCase(Locale.ROOT);
                // the key encoded as the SDK encodes it; S3Proxy checked the signature over it
                assertThat(h).startsWith("GET /get/AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/01/a%20b%2Bc.json.gz ");
                assertThat(head).contains("\nauthorization: aws4-hmac-sha256 credential=" + LocalS3.ACCESS_KEY.toLowerCase(Locale.ROOT)
                        + "/").contains("/us-east-1/s3/aws4_request").contains("\nif-match: \"" + o.etag() + "\"");
                // the SDK's pipeline marks each call it makes; this GET never went through it
                assertThat(head).doesNotContain("amz-sdk-invocation-id").doesNotContain("x-amz-te");
            });
        }
    }

    @Test
    void keysAreEncodedAsTheSdkEncodesThem() {
        String trail = "AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/01/111122223333_CloudTrail_us-east-1_20261101T0005Z_Ab9.json.gz";
        assertThat(S3Http.encodeKey(trail)).isSameAs(trail);
        java.util.Random random = new java.util.Random(27);
        String alphabet = "aZ09-_.~/ +*%&=?#:;,@!$'()[]\u00e9\u20ac\uD83D\uDE00\t";
        for (int n = 0; n < 2_000; n++) {
            StringBuilder key = new StringBuilder();
            for (int i = random.nextInt(12); i >= 0; i--) {
                int at = random.nextInt(alphabet.length());
                key.append(Character.isHighSurrogate(alphabet.charAt(at)) ? alphabet.substring(at, at + 2)
                        : Character.isLowSurrogate(alphabet.charAt(at)) ? "x" : alphabet.substring(at, at + 1));
            }
            assertThat(S3Http.encodeKey(key.toString())).as(key.toString())
                    .isEqualTo(software.amazon.awssdk.utils.http.SdkHttpUtils.urlEncodeIgnoreSlashes(key.toString()));
        }
    }

    @Test
    void aScanReadsObjectAfterObjectOverTheSameConnection() throws Exception {
        for (int i = 0; i < 20; i++) {
            put("AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/03/f" + i + ".json.gz", "k-" + i);
        }
        try (FaultyProxy proxy = new FaultyProxy(s3.endpoint().getPort(), line -> false, 0);
             S3Client viaProxy = S3Clients.create(TestAws.settings(URI.create("http://127.0.0.1:" + proxy.port())))) {
            var found = new S3Inputs(viaProxy).find(List.of(S3Location.parse("s3://get/AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/03/")),
                    TrailKeyFilter.ALL, new TrailLister(viaProxy, 1));
            var r = io.trailhound.core.scan.Scan.builder(new io.trailhound.core.scan.ScanOptions(
                    io.trailhound.core.ingest.ReadLimits.defaults(), 1, null)).build().run(found, (a, b, c, d, e) -> { });
            assertThat(r.ingest().events()).isEqualTo(20);
            // the proxy sees each connection's first request: a body read to its end hands the connection to the next
            // GET (the decoder stops at the gzip trailer; an object dropped half-read would cost a new connection)
            assertThat(proxy.requests()).hasSizeLessThanOrEqualTo(2);
        }
    }

    @Test
    void anObjectRewrittenSinceItWasListedIsGoneNotReadInItsNewVersion() {
        String key = "AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/02/r.json.gz";
        S3Object listed = put(key, "first");
        put(key, "second-version-longer");
        assertThatThrownBy(() -> S3ObjectStream.open(client, listed)).isInstanceOf(S3ObjectStream.ObjectGoneException.class)
                .hasMessageContaining("rewritten after it was listed");
    }

    @Test
    void refusalsAreExplainedAsForAnySdkCallAndABucketInAnotherRegionIsLeftToTheSdk() throws Exception {
        List<String> heads = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", x -> {
            heads.add(x.getRequestURI().getRawPath() + " sdk=" + x.getRequestHeaders().containsKey("amz-sdk-invocation-id"));
            boolean moved = x.getRequestURI().getPath().startsWith("/moved/");
            String body = moved
                    ? "<Error><Code>PermanentRedirect</Code><Message>The bucket you are attempting to access must be addressed "
                    + "using the specified endpoint.</Message><RequestId>R1</RequestId></Error>"
                    : "<Error><Code>AccessDenied</Code><Message>Access Denied</Message><RequestId>R2</RequestId></Error>";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            x.getResponseHeaders().add("Content-Type", "application/xml");
            if (moved) {
                x.getResponseHeaders().add("x-amz-bucket-region", "eu-west-1");
            }
            x.sendResponseHeaders(moved ? 301 : 403, bytes.length);
            x.getResponseBody().write(bytes);
            x.close();
        });
        server.start();
        try (S3Client fake = S3Clients.create(TestAws.settings(URI.create("http://127.0.0.1:" + server.getAddress().getPort())))) {
            S3Get get = S3Get.of(fake, false);
            S3Object denied = new S3Object("locked", "AWSLogs/k.json.gz", "abc", 10, null);
            assertThatThrownBy(() -> S3ObjectStream.open(get, denied)).isInstanceOfSatisfying(
                    S3ObjectStream.ObjectReadException.class, e -> {
                        assertThat(e.transientFailure()).isFalse();
                        assertThat(e).hasMessageStartingWith("access denied: s3:GetObject on s3://locked/AWSLogs/k.json.gz (Access Denied)");
                    });
            assertThat(heads).containsExactly("/locked/AWSLogs/k.json.gz sdk=false"); // not retried, as the SDK would not

            heads.clear();
            S3Object moved = new S3Object("moved", "AWSLogs/m.json.gz", "abc", 10, null);
            for (int i = 0; i < 2; i++) {
                assertThatThrownBy(() -> S3ObjectStream.open(get, moved)).isInstanceOf(S3ObjectStream.ObjectReadException.class)
                        .hasMessageContaining("wrong region for this bucket").hasMessageContaining("use --region eu-west-1");
            }
            // the first GET learns the bucket answers from elsewhere and hands over; later ones go to the SDK directly
            assertThat(heads).containsExactly("/moved/AWSLogs/m.json.gz sdk=false", "/moved/AWSLogs/m.json.gz sdk=true",
                    "/moved/AWSLogs/m.json.gz sdk=true");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aNotificationsObjectIsDescribedByOneSignedHeadWithoutTheSdksPipeline() throws Exception {
        S3Object listed = put("AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/04/h e+ad.json.gz", "h-1");
        try (FaultyProxy proxy = new FaultyProxy(s3.endpoint().getPort(), line -> false, 0);
             S3Client viaProxy = S3Clients.create(TestAws.settings(URI.create("http://127.0.0.1:" + proxy.port())))) {
            S3Object described = new S3Inputs(viaProxy).describe("get", listed.key());
            // what the listing says of it, as the SDK's HeadObject would have said (Last-Modified in whole seconds)
            assertThat(described.etag()).isEqualTo(listed.etag());
            assertThat(described.size()).isEqualTo(listed.size());
            assertThat(described.lastModified()).isEqualTo(listed.lastModified().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
            assertThat(proxy.requests()).singleElement().satisfies(h -> {
                assertThat(h).startsWith("HEAD /get/AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/04/h%20e%2Bad.json.gz ");
                assertThat(h.toLowerCase(Locale.ROOT)).contains("\nauthorization: aws4-hmac-sha256 ")
                        .doesNotContain("amz-sdk-invocation-id");
            });
            // gone: a 404 without a body, as HeadObject's
            assertThatThrownBy(() -> new S3Inputs(viaProxy).describe("get", "AWSLogs/no-such-key.json.gz"))
                    .isInstanceOfSatisfying(software.amazon.awssdk.services.s3.model.S3Exception.class,
                            e -> assertThat(e.statusCode()).isEqualTo(404));
        }
    }
}
