package io.trailhound.aws.s3;

import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/** GetObject as {@link S3Http} sends it, or as the SDK does for a bucket in another region. */
final class S3Get {
    private final S3Http http;

    private S3Get(S3Http http) {
        this.http = http;
    }

    static S3Get of(S3Client s3, boolean sdkOnly) {
        return new S3Get(S3Http.of(s3, sdkOnly));
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
