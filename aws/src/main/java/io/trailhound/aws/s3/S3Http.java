package io.trailhound.aws.s3;

import io.trailhound.aws.AwsSettings;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;
import software.amazon.awssdk.retries.api.AcquireInitialTokenRequest;
import software.amazon.awssdk.retries.api.RecordSuccessRequest;
import software.amazon.awssdk.retries.api.RefreshRetryTokenRequest;
import software.amazon.awssdk.retries.api.RefreshRetryTokenResponse;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.retries.api.RetryToken;
import software.amazon.awssdk.retries.api.TokenAcquisitionFailedException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ServiceClientConfiguration;
import software.amazon.awssdk.services.s3.model.GetUrlRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * S3 GETs (of an object, of a listing page) and HEADs (of an object a notification names without
 * its ETag) without the SDK's per-call pipeline. A trail is
 * thousands of objects of a few kB, and the pipeline's work per call (interceptors, endpoint and
 * auth-scheme rules, metrics, unmarshalling: about 130 µs a GET on the bench, more than decoding
 * the object) bounded how fast {@code scan s3://} could go. A request here is what the client
 * would send, built from the client's own configuration: the bucket's URL as the client's endpoint
 * rules resolve it (once per bucket), signed with SigV4 as the SDK's signer signs it ({@link
 * S3Signer}, with the day's key kept) with the client's credentials and region, sent over {@link
 * Http11Client}'s kept connections (through a proxy: with the shared SDK HTTP client, the JDK's URL
 * connection, which was about a third of a GET's CPU on the client), and retried by the client's
 * own retry strategy (throttling, 503 SlowDown,
 * 5xx and network errors, with its backoff). A refusal becomes an {@link S3Exception} carrying
 * S3's error code, as the SDK would throw, so callers and {@code AwsErrors} treat both alike. A
 * bucket that answers from another region is left to the SDK from then on ({@link #send} returns
 * null), which follows it when the client may cross regions and otherwise says which region to give.
 */
final class S3Http {
    /** An error document is a few hundred bytes; anything longer is not one worth reading whole. */
    private static final int ERROR_BODY_LIMIT = 16 * 1024;
    /** A bucket left to the SDK (it answered from another region, or its keys are not appended to its URL). */
    private static final Base VIA_SDK = new Base(null, null, -1, null, false);

    /**
     * A bucket's URL in parts, taken apart once: a request is these and the key's encoded path (no URI
     * parsed per GET); {@code direct}: sent over {@link Http11Client}'s connections, not the SDK's HTTP client.
     */
    private record Base(String protocol, String host, int port, String encodedPath, boolean direct) {
    }

    private final S3Client s3;
    private final String region;
    private final IdentityProvider<? extends AwsCredentialsIdentity> credentials;
    private final RetryStrategy retries;
    private final SdkHttpClient http;
    private final Http11Client wire;
    private final S3Signer signer;
    /** Per bucket: the URL its keys are appended to, or {@link #VIA_SDK} once it answered from another region. */
    private final Map<String, Base> bucketBase = new ConcurrentHashMap<>();

    private final S3RequestPath path;

    private S3Http(S3Client s3, SdkHttpClient http, Http11Client wire, S3RequestPath path) {
        S3ServiceClientConfiguration c = s3.serviceClientConfiguration();
        this.s3 = s3;
        this.region = c.region().id();
        this.credentials = c.credentialsProvider();
        this.retries = c.overrideConfiguration().retryStrategy().orElseThrow(
                () -> new IllegalArgumentException("an S3 client made by S3Clients (with a retry strategy) is needed"));
        this.http = http;
        this.wire = wire;
        this.signer = new S3Signer(region, Clock.systemUTC());
        this.path = path;
    }

    /**
     * Requests with the configuration of {@code s3}, a client made by {@link S3Clients}, sent as
     * {@code path} says: over the shared {@link Http11Client}'s connections (through a proxy, or with
     * {@link S3RequestPath#SDK_HTTP_CLIENT}: the shared SDK HTTP client), or left to the SDK's calls.
     */
    static S3Http of(S3Client s3, S3RequestPath path) {
        return new S3Http(s3, AwsSettings.sharedHttpClient(), Http11Client.shared(), path);
    }

    S3Client client() {
        return s3;
    }

    /** What is made of a successful answer's body, inside the retries: a body lost while it is read is asked for again. */
    interface BodyReader<T> {
        T read(AbortableInputStream body) throws IOException;
    }

    /** What is made of a successful answer, its status line and headers (made when asked for) with its body. */
    private interface AnswerReader<T> {
        T read(Supplier<SdkHttpResponse> head, AbortableInputStream body) throws IOException;
    }

    /**
     * GETs {@code key} of {@code bucket} (the empty key: the bucket itself) with these query
     * parameters and headers, retrying as the client would, and reads the answer with {@code reader}.
     *
     * @return what {@code reader} made of the body; null when the bucket is in another region than
     *     the client's: ask the SDK instead
     * @throws SdkException as the SDK's call would: an {@link S3Exception} with S3's error code
     *     once retries are used up or for an error not worth retrying
     */
    <T> T send(String bucket, String key, Map<String, String> query, Map<String, String> headers, BodyReader<T> reader) {
        return send(SdkHttpMethod.GET, bucket, key, query, headers, (head, body) -> reader.read(body));
    }

    /**
     * HEADs {@code key} of {@code bucket}, retrying as the client would: the answer's status line
     * and headers (ETag, Content-Length, Last-Modified); null when the bucket is in another region
     * than the client's (ask the SDK instead).
     *
     * @throws SdkException as the SDK's HeadObject would (a missing key: status 404, no body)
     */
    SdkHttpResponse head(String bucket, String key) {
        return send(SdkHttpMethod.HEAD, bucket, key, Map.of(), Map.of(), (head, body) -> {
            body.close();
            return head.get();
        });
    }

    private <T> T send(SdkHttpMethod method, String bucket, String key, Map<String, String> query, Map<String, String> headers,
                       AnswerReader<T> reader) {
        Base base = path == S3RequestPath.SDK_CALLS ? VIA_SDK : bucketBase.computeIfAbsent(bucket, this::base);
        if (base == VIA_SDK) {
            return null;
        }
        SdkHttpRequest.Builder request = SdkHttpRequest.builder().method(method).protocol(base.protocol())
                .host(base.host()).port(base.port()).encodedPath(base.encodedPath() + encodeKey(key));
        query.forEach(request::putRawQueryParameter);
        headers.forEach(request::putHeader);
        SdkHttpRequest unsigned = request.build();
        RetryToken token = retries.acquireInitialToken(AcquireInitialTokenRequest.create("s3")).token();
        while (true) {
            try {
                T answer = once(unsigned, base.direct(), reader);
                retries.recordSuccess(RecordSuccessRequest.create(token));
                return answer;
            } catch (SdkException e) {
                if (isOtherRegion(e)) {
                    bucketBase.put(bucket, VIA_SDK);
                    return null;
                }
                RefreshRetryTokenResponse next;
                try {
                    next = retries.refreshRetryToken(RefreshRetryTokenRequest.builder().token(token).failure(e).build());
                } catch (TokenAcquisitionFailedException noMore) {
                    throw e;
                }
                token = next.token();
                sleep(next.delay());
            }
        }
    }

    /**
     * The key as its URL's path encodes it ({@link SdkHttpUtils#urlEncodeIgnoreSlashes}, as the SDK
     * does). A trail's keys hold only characters that stay as they are, and the SDK's encoder (a
     * {@code URLEncoder} pass and four replacements) was a seventh of the client's CPU a GET: such
     * keys are only checked.
     */
    static String encodeKey(String key) {
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            boolean unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~' || c == '/';
            if (!unreserved) {
                return SdkHttpUtils.urlEncodeIgnoreSlashes(key);
            }
        }
        return key;
    }

    /** The URL of a key of this bucket less the key, as the client's own endpoint rules resolve it. */
    private Base base(String bucket) {
        String probe = "k";
        URI url = URI.create(s3.utilities().getUrl(GetUrlRequest.builder().bucket(bucket).key(probe).build()).toString());
        String path = url.getRawPath();
        if (url.getRawQuery() != null || url.getRawFragment() != null || path == null || !path.endsWith("/" + probe)) {
            return VIA_SDK; // an addressing the key is not simply appended to: leave it to the SDK
        }
        return new Base(url.getScheme(), url.getHost(), url.getPort(), path.substring(0, path.length() - probe.length()),
                this.path == S3RequestPath.DIRECT && Http11Client.direct(url));
    }

    private <T> T once(SdkHttpRequest unsigned, boolean direct, AnswerReader<T> reader) {
        int status;
        Supplier<SdkHttpResponse> head;
        AbortableInputStream body;
        try {
            if (direct) {
                Http11Client.Answer answer = wire.send(unsigned, signer.signature(unsigned, identity()));
                status = answer.status();
                head = answer::head;
                body = answer.body();
            } else {
                SdkHttpRequest signed = signer.sign(unsigned, identity());
                HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder().request(signed).build()).call();
                SdkHttpResponse made = response.httpResponse();
                status = made.statusCode();
                head = () -> made;
                body = response.responseBody().orElse(AbortableInputStream.create(InputStream.nullInputStream()));
            }
        } catch (IOException e) {
            throw SdkClientException.create(unsigned.method() + " " + unsigned.encodedPath() + ": " + e.getMessage(), e); // retried as the SDK's
        }
        if (status / 100 != 2) { // SdkHttpResponse.isSuccessful
            throw refusal(head.get(), body);
        }
        try {
            return reader.read(head, body);
        } catch (IOException e) {
            body.abort();
            throw SdkClientException.create(unsigned.method() + " " + unsigned.encodedPath() + ": answer lost: " + e.getMessage(), e);
        }
    }

    /** The credentials now (a refreshing provider renews them when due); no credentials fail as the SDK's call would. */
    private AwsCredentialsIdentity identity() {
        try {
            return credentials.resolveIdentity().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof SdkException s ? s : SdkClientException.create(String.valueOf(e.getCause()), e.getCause());
        }
    }

    /** S3's error document as the SDK would have it: status, code, message and request id. */
    private static S3Exception refusal(SdkHttpResponse head, AbortableInputStream body) {
        String doc;
        try (body) {
            doc = new String(body.readNBytes(ERROR_BODY_LIMIT), StandardCharsets.UTF_8);
        } catch (IOException e) {
            doc = "";
        }
        String code = element(doc, "Code");
        String message = element(doc, "Message");
        if (code == null) {
            code = switch (head.statusCode()) { // a body-less answer: the codes the SDK would give
                case 404 -> "NoSuchKey";
                case 412 -> "PreconditionFailed";
                default -> head.statusText().orElse(String.valueOf(head.statusCode()));
            };
        }
        return (S3Exception) S3Exception.builder().statusCode(head.statusCode()).message(message)
                .requestId(element(doc, "RequestId"))
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).serviceName("S3")
                        .sdkHttpResponse(head).build())
                .build();
    }

    /** The text of the first {@code <name>} element of a small XML error document (escaped text is fine for a message). */
    private static String element(String doc, String name) {
        int start = doc.indexOf("<" + name + ">");
        int end = start < 0 ? -1 : doc.indexOf("</" + name + ">", start);
        return end < 0 ? null : doc.substring(start + name.length() + 2, end);
    }

    /** A redirect to, or a signature scoped for, the bucket's own region (S3 names it in x-amz-bucket-region). */
    private boolean isOtherRegion(SdkException e) {
        if (!(e instanceof S3Exception s) || s.awsErrorDetails() == null || s.awsErrorDetails().sdkHttpResponse() == null) {
            return false;
        }
        String code = String.valueOf(s.awsErrorDetails().errorCode());
        return s.statusCode() == 301 || s.statusCode() == 307 || code.equals("PermanentRedirect")
                || code.equals("AuthorizationHeaderMalformed")
                || s.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("x-amz-bucket-region")
                        .filter(r -> !r.equals(region)).isPresent();
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SdkClientException.create("interrupted while waiting to retry", e);
        }
    }
}
