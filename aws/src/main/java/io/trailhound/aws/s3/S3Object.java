package io.trailhound.aws.s3;

import java.time.Instant;

/**
 * One object as listed (or as an event notification names it). Its identity in the store's ingest
 * log is {@code s3://bucket/key#etag}: an object rewritten gets a new ETag and is read again.
 */
public record S3Object(String bucket, String key, String etag, long size, Instant lastModified) {
    public String url() {
        return S3Location.url(bucket, key);
    }

    public String identity() {
        return url() + "#" + etag;
    }

    /** ETags as S3 lists them are quoted; the identity uses them bare. */
    static String bareEtag(String etag) {
        return etag == null ? null : etag.replace("\"", "");
    }
}
