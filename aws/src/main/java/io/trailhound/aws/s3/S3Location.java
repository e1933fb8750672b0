package io.trailhound.aws.s3;

/** {@code s3://bucket/prefix}: a bucket and a key prefix (possibly empty). */
public record S3Location(String bucket, String prefix) {
    public static final String SCHEME = "s3://";

    public static boolean isS3(String arg) {
        return arg.regionMatches(true, 0, SCHEME, 0, SCHEME.length());
    }

    public static S3Location parse(String arg) {
        if (!isS3(arg)) {
            throw new IllegalArgumentException("not an s3:// URL: " + arg);
        }
        String rest = arg.substring(SCHEME.length());
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        if (bucket.isEmpty()) {
            throw new IllegalArgumentException("s3:// URL without a bucket: " + arg);
        }
        return new S3Location(bucket, slash < 0 ? "" : rest.substring(slash + 1));
    }

    /** The object or prefix as a URL: {@code s3://bucket/key}. */
    public static String url(String bucket, String key) {
        return SCHEME + bucket + "/" + key;
    }

    @Override
    public String toString() {
        return url(bucket, prefix);
    }
}
