package io.trailhound.aws;

import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Says what went wrong in an AWS call and what to fix, in words: access denied (which action on
 * which resource, and that a policy must allow it), an expired or invalid token (refresh the
 * session), the wrong region for a bucket (the region S3 names), no credentials found (how to give
 * them). The message never carries a credential: the SDK's messages name key ids at most, and the
 * service's text is passed through {@link UnsafeText}-style escaping by the caller that prints it.
 */
public final class AwsErrors {
    private static final List<String> EXPIRED = List.of("ExpiredToken", "ExpiredTokenException", "RequestExpired",
            "InvalidClientTokenId", "UnrecognizedClientException", "InvalidToken", "TokenRefreshRequired");
    private static final List<String> DENIED = List.of("AccessDenied", "AccessDeniedException",
            "UnauthorizedOperation", "AuthorizationError");

    private AwsErrors() {
    }

    /** The AWS error code, or empty when the failure never reached a service (network, credentials). */
    public static Optional<String> code(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof AwsServiceException a && a.awsErrorDetails() != null && a.awsErrorDetails().errorCode() != null) {
                return Optional.of(a.awsErrorDetails().errorCode());
            }
        }
        return Optional.empty();
    }

    public static int status(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof AwsServiceException a) {
                return a.statusCode();
            }
        }
        return -1;
    }

    /** True for failures worth trying again later (throttling and 5xx after the SDK's retries, network trouble). */
    public static boolean transientFailure(Throwable t) {
        if (t instanceof SdkException s && s.retryable()) {
            return true;
        }
        int status = status(t);
        if (status >= 500 || status == 429) {
            return true;
        }
        String code = code(t).orElse("");
        return code.contains("Throttl") || code.equals("SlowDown") || code.equals("RequestTimeout")
                || (status < 0 && t instanceof SdkClientException && !credentialsMissing(t));
    }

    private static boolean credentialsMissing(Throwable t) {
        String m = String.valueOf(t.getMessage());
        return m.contains("Unable to load credentials") || m.contains("Unable to load region");
    }

    /**
     * One line for the user: what was being done ({@code action}, e.g. "s3:ListObjectsV2" and
     * {@code resource}, e.g. "s3://bucket/AWSLogs/"), what AWS said, and what to fix.
     */
    public static String explain(String action, String resource, Throwable t) {
        String code = code(t).orElse(null);
        String said = message(t);
        String at = action + (resource == null ? "" : " on " + resource);
        if (code != null && DENIED.contains(code) || status(t) == 403 && code != null && !EXPIRED.contains(code)
                && !code.equals("SignatureDoesNotMatch")) {
            return "access denied: " + at + " (" + said + "); allow " + action + " on " + (resource == null ? "it" : resource)
                    + " to the identity in use (check --profile and the role's policies, SCPs and the resource's policy)";
        }
        if (code != null && EXPIRED.contains(code)) {
            return at + ": the credentials are expired or not valid (" + code + "); refresh them (aws sso login, a new "
                    + "session token, or --profile for another profile) and run again";
        }
        if ("SignatureDoesNotMatch".equals(code)) {
            return at + ": the request signature does not match (" + said + "); check the secret key of the profile in use";
        }
        if ("PermanentRedirect".equals(code) || "AuthorizationHeaderMalformed".equals(code) || status(t) == 301) {
            String region = bucketRegion(t).map(r -> "; the bucket is in " + r + ": use --region " + r).orElse(
                    "; the bucket is in another region: give it with --region");
            return at + ": wrong region for this bucket (" + (code == null ? "HTTP 301" : code) + ")" + region;
        }
        if ("NoSuchBucket".equals(code)) {
            return at + ": no such bucket (check the name, the account and --endpoint-url)";
        }
        if (code == null && credentialsMissing(t)) {
            return at + ": no AWS credentials found; set AWS_PROFILE or --profile, environment keys, SSO (aws sso login), "
                    + "or run where an instance or container role is available";
        }
        return at + " failed: " + (code == null ? "" : code + ": ") + said;
    }

    private static Optional<String> bucketRegion(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof AwsServiceException a && a.awsErrorDetails() != null && a.awsErrorDetails().sdkHttpResponse() != null) {
                Optional<String> r = a.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("x-amz-bucket-region");
                if (r.isPresent()) {
                    return r;
                }
            }
        }
        return Optional.empty();
    }

    private static String message(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof AwsServiceException a && a.awsErrorDetails() != null && a.awsErrorDetails().errorMessage() != null) {
                return a.awsErrorDetails().errorMessage();
            }
        }
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m;
    }

    /** A failure of one AWS call, explained. */
    public static final class AwsCallException extends RuntimeException {
        private final boolean transientFailure;

        public AwsCallException(String action, String resource, Throwable cause) {
            super(explain(action, resource, cause), cause);
            this.transientFailure = AwsErrors.transientFailure(cause);
        }

        public boolean transientFailure() {
            return transientFailure;
        }
    }
}
