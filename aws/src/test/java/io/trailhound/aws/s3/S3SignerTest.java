package io.trailhound.aws.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/** Every request S3Http sends is signed exactly as the SDK's own SigV4 signer signs it for S3. */
class S3SignerTest {
    private static final AwsV4HttpSigner SDK = AwsV4HttpSigner.create();
    private static final AwsCredentialsIdentity KEYS = AwsCredentialsIdentity.create("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    private static final AwsCredentialsIdentity SESSION = AwsSessionCredentialsIdentity.create("ASIAEXAMPLE",
            "another/secret+key", "FwoGZXIvYXdzE//session token=");

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-07T23:59:58Z"));
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    @Test
    void getsHeadsAndListingPagesAreSignedAsTheSdkSignsThem() {
        S3Signer ours = new S3Signer("eu-west-1", clock);
        for (SdkHttpRequest r : requests()) {
            for (AwsCredentialsIdentity who : List.of(KEYS, SESSION)) {
                assertThat(ours.sign(r, who).headers()).as(r.method() + " " + r.getUri() + " as " + who.accessKeyId())
                        .isEqualTo(sdk(r, who, "eu-west-1").headers());
            }
        }
    }

    @Test
    void aNewDayOrNewCredentialsGetANewSigningKey() {
        S3Signer ours = new S3Signer("us-east-1", clock);
        SdkHttpRequest r = requests().get(0);
        assertThat(ours.sign(r, KEYS).headers()).isEqualTo(sdk(r, KEYS, "us-east-1").headers());
        now.set(Instant.parse("2026-12-08T00:00:01Z")); // past midnight: the day's key is another
        assertThat(ours.sign(r, KEYS).headers()).isEqualTo(sdk(r, KEYS, "us-east-1").headers());
        AwsCredentialsIdentity rotated = AwsCredentialsIdentity.create("AKIDEXAMPLE", "a-rotated-secret");
        assertThat(ours.sign(r, rotated).headers()).isEqualTo(sdk(r, rotated, "us-east-1").headers());
        assertThat(ours.sign(r, KEYS).headers()).isEqualTo(sdk(r, KEYS, "us-east-1").headers());
    }

    /** What S3Http sends: GETs of objects (If-Match, Range), HEADs, listing pages, on AWS and on a local endpoint. */
    private static List<SdkHttpRequest> requests() {
        String key = "AWSLogs/o-abc/111122223333/CloudTrail/us-east-1/2026/12/07/a b+c=d%é~_.json.gz";
        SdkHttpRequest.Builder aws = SdkHttpRequest.builder().method(SdkHttpMethod.GET).encodedPath("/").protocol("https").host("trail-bucket.s3.eu-west-1.amazonaws.com");
        SdkHttpRequest.Builder local = SdkHttpRequest.builder().method(SdkHttpMethod.GET).encodedPath("/").protocol("http").host("127.0.0.1").port(40265);
        return List.of(
                aws.copy().method(SdkHttpMethod.GET).encodedPath("/" + SdkHttpUtils.urlEncodeIgnoreSlashes(key))
                        .putHeader("If-Match", "\"0123456789abcdef0123456789abcdef\"").build(),
                aws.copy().port(443).method(SdkHttpMethod.GET).encodedPath("/" + SdkHttpUtils.urlEncodeIgnoreSlashes(key))
                        .putHeader("If-Match", "\"0123456789abcdef-2\"").putHeader("Range", "bytes=1234-").build(),
                local.copy().method(SdkHttpMethod.GET).encodedPath("/bench-trail/" + SdkHttpUtils.urlEncodeIgnoreSlashes(key))
                        .putHeader("If-Match", "  \"etag  with   spaces\" ").build(),
                local.copy().method(SdkHttpMethod.HEAD).encodedPath("/bench-trail/" + SdkHttpUtils.urlEncodeIgnoreSlashes(key)).build(),
                aws.copy().method(SdkHttpMethod.GET).encodedPath("/").putRawQueryParameter("list-type", "2")
                        .putRawQueryParameter("prefix", "AWSLogs/111122223333/CloudTrail/")
                        .putRawQueryParameter("continuation-token", "1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=+")
                        .putRawQueryParameter("start-after", "AWSLogs/é ~x").putRawQueryParameter("encoding-type", "url")
                        .putRawQueryParameter("max-keys", "1000").build(),
                local.copy().method(SdkHttpMethod.GET).encodedPath("/bench-trail").putRawQueryParameter("list-type", "2")
                        .putRawQueryParameter("delimiter", "/").putRawQueryParameter("prefix", "").build());
    }

    private SdkHttpRequest sdk(SdkHttpRequest r, AwsCredentialsIdentity who, String region) {
        return SDK.sign(s -> s.identity(who).request(r)
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(AwsV4FamilyHttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4FamilyHttpSigner.NORMALIZE_PATH, false)
                .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                .putProperty(AwsV4FamilyHttpSigner.SIGNING_CLOCK, clock)).request();
    }
}
