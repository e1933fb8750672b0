package io.trailhound.aws.s3;

/** How {@code scan s3://} sends its list and GET calls; the bench compares them in one run. */
public enum S3RequestPath {
    /** {@link S3Http}'s signed requests over {@link Http11Client}'s kept connections (the default; a proxy: as below). */
    DIRECT,
    /** {@link S3Http}'s signed requests sent with the SDK's HTTP client (the JDK's URL connection): with a proxy. */
    SDK_HTTP_CLIENT,
    /** Every call through the SDK's own pipeline: the yardstick for what {@link S3Http} saves. */
    SDK_CALLS;

    /** The path a caller's {@code sdkPipeline} flag names. */
    static S3RequestPath of(boolean sdkPipeline) {
        return sdkPipeline ? SDK_CALLS : DIRECT;
    }
}
