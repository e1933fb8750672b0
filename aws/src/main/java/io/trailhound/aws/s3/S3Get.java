package io.trailhound.aws.s3;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/** GetObject and HeadObject as {@link S3Http} sends them, or as the SDK does for a bucket in another region. */
final class S3Get {
    private final S3Http http;

    private S3Get(S3Http http) {
        this.http = http;
    }

    static S3Get of(S3Client s3, boolean sdkOnly) {
        return of(s3, S3RequestPath.of(sdkOnly));
    }

    static S3Get of(S3Client s3, S3RequestPath path) {
        return new S3Get(S3Http.of(s3, path));
    }

    /**
     * The object's bytes from {@code from} on (a Range when above 0), only while its ETag is the one
     * listed (If-Match). The stream is aborted rather than drained when closed early.
     *
     * @throws SdkException as the SDK's GetObject would
     */
    AbortableInputStream get(S3Object o, long from) {
        Map<String, String> headers = new HashMap<>(4);
        if (o.etag() != null) {
            headers.put("If-Match", "\"" + o.etag() + "\"");
        }
        if (from > 0) {
            headers.put("Range", "bytes=" + from + "-");
        }
        AbortableInputStream in = http.send(o.bucket(), o.key(), Map.of(), headers, body -> body); // streamed by the caller
        return in != null ? in : viaSdk(o, from);
    }

    /**
     * The object at {@code key} as HeadObject describes it (ETag, size, time), for a notification
     * that names no ETag: one HEAD as {@link S3Http} sends it, or the SDK's for a bucket in another region.
     *
     * @throws SdkException as the SDK's HeadObject would
     */
    S3Object head(String bucket, String key) {
        SdkHttpResponse h = http.head(bucket, key);
        if (h == null) {
            HeadObjectResponse r = http.client().headObject(req -> req.bucket(bucket).key(key));
            return new S3Object(bucket, key, S3Object.bareEtag(r.eTag()), r.contentLength() == null ? -1 : r.contentLength(),
                    r.lastModified());
        }
        String etag = h.firstMatchingHeader("ETag").orElseThrow(() -> SdkClientException.create(
                "HEAD " + S3Location.url(bucket, key) + ": the answer names no ETag"));
        long size = h.firstMatchingHeader("Content-Length").map(Long::parseLong).orElse(-1L);
        Instant modified = h.firstMatchingHeader("Last-Modified")
                .map(v -> ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant()).orElse(null);
        return new S3Object(bucket, key, S3Object.bareEtag(etag), size, modified);
    }

    private AbortableInputStream viaSdk(S3Object o, long from) {
        GetObjectRequest.Builder req = GetObjectRequest.builder().bucket(o.bucket()).key(o.key());
        if (o.etag() != null) {
            req.ifMatch("\"" + o.etag() + "\"");
        }
        if (from > 0) {
            req.range("bytes=" + from + "-");
        }
        ResponseInputStream<GetObjectResponse> in = http.client().getObject(req.build());
        return AbortableInputStream.create(in, in::abort);
    }
}
