package io.trailhound.aws;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.profiles.ProfileProperty;
import software.amazon.awssdk.regions.Region;

/**
 * Where and as whom to call AWS: the SDK's default credential chain (environment, profiles, SSO,
 * IMDS, container) or a named profile, a region, and an endpoint override for S3-compatible stores
 * and tests. Every client gets the same HTTP client (the JDK's URL connection: no Netty, no Apache
 * client) and the same retry policy: throttling and 5xx (503 SlowDown) retried with jittered
 * exponential backoff. Credentials are only ever handed to the SDK, never printed or stored.
 *
 * @param retryBase the first backoff; tests shorten it
 * @param fixedCredentials credentials to use instead of the chain (tests), or null
 */
public record AwsSettings(String profile, String region, URI endpoint, int maxAttempts, Duration retryBase,
                          AwsCredentialsProvider fixedCredentials) {
    public static final int DEFAULT_ATTEMPTS = 8;
    /** Where a region is needed and none is configured: IAM, STS and Organizations are global in aws. */
    static final Region FALLBACK_REGION = Region.US_EAST_1;

    public static AwsSettings of(String profile, String region, String endpointUrl) {
        URI endpoint = null;
        if (endpointUrl != null) {
            endpoint = URI.create(endpointUrl);
            if (endpoint.getScheme() == null || endpoint.getHost() == null) {
                throw new IllegalArgumentException("--endpoint-url: expected a URL such as http://localhost:9000, got '"
                        + endpointUrl + "'");
            }
        }
        return new AwsSettings(profile, region, endpoint, DEFAULT_ATTEMPTS, Duration.ofMillis(200), null);
    }

    public AwsSettings withEndpoint(URI e) {
        return new AwsSettings(profile, region, e, maxAttempts, retryBase, fixedCredentials);
    }

    public AwsSettings withRetries(int attempts, Duration base) {
        return new AwsSettings(profile, region, endpoint, attempts, base, fixedCredentials);
    }

    public AwsSettings withCredentials(AwsCredentialsProvider c) {
        return new AwsSettings(profile, region, endpoint, maxAttempts, retryBase, c);
    }

    public AwsCredentialsProvider credentials() {
        return fixedCredentials != null ? fixedCredentials : profile == null ? DefaultCredentialsProvider.builder().build()
                : ProfileCredentialsProvider.builder().profileName(profile).build();
    }

    /** The region given, else the profile's or the environment's, else us-east-1 (what the global services use). */
    public Region regionOrDefault() {
        if (region != null) {
            return Region.of(region);
        }
        String env = System.getenv("AWS_REGION");
        if (env == null) {
            env = System.getenv("AWS_DEFAULT_REGION");
        }
        if (env != null && !env.isBlank()) {
            return Region.of(env);
        }
        try {
            String name = profile != null ? profile : System.getenv().getOrDefault("AWS_PROFILE", "default");
            return ProfileFile.defaultProfileFile().profile(name).flatMap(p -> p.property(ProfileProperty.REGION))
                    .map(Region::of).orElse(FALLBACK_REGION);
        } catch (RuntimeException e) {
            return FALLBACK_REGION; // no or unreadable config file: the fallback, as the CLI would need one too
        }
    }

    private static final class Http {
        static {
            keepIdleConnections();
        }

        static final SdkHttpClient CLIENT = UrlConnectionHttpClient.builder().connectionTimeout(CONNECT_TIMEOUT)
                .socketTimeout(SOCKET_TIMEOUT).build();
    }

    /** How long connecting to a service may take, for every HTTP client here. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** How long an answer may keep us waiting between bytes: longer than SQS's 20 s long poll. */
    public static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(70);

    /** Idle connections kept per host: the JDK's when {@code http.maxConnections} is not set, and S3's own (Http11Client). */
    public static final int IDLE_CONNECTIONS_PER_HOST = 64;

    /**
     * The JDK's HTTP client keeps 5 idle connections per host unless told otherwise; a scan's readers and
     * listers (8 and 16 by default) then close and reopen connections (a TLS handshake each on S3) on
     * most requests. Raised unless the user set it; read by the JDK once, so before the first request.
     */
    static void keepIdleConnections() {
        if (System.getProperty("http.maxConnections") == null) {
            System.setProperty("http.maxConnections", Integer.toString(IDLE_CONNECTIONS_PER_HOST));
        }
    }

    /** One HTTP client for every AWS client in the process (made on first use, never closed: it holds no threads). */
    public static SdkHttpClient sharedHttpClient() {
        return Http.CLIENT;
    }

    /** Applies credentials, region, endpoint and retries to a client builder. */
    public <B extends AwsClientBuilder<B, C>, C> B configure(B builder, AwsCredentialsProvider credentials) {
        builder.credentialsProvider(credentials).region(regionOrDefault())
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .maxAttempts(maxAttempts)
                                .backoffStrategy(jittered(retryBase))
                                .throttlingBackoffStrategy(jittered(retryBase))
                                .circuitBreakerEnabled(false)
                                .build())
                        .build());
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder;
    }

    private static software.amazon.awssdk.retries.api.BackoffStrategy jittered(Duration base) {
        return software.amazon.awssdk.retries.api.BackoffStrategy.exponentialDelay(base, base.multipliedBy(100));
    }
}
