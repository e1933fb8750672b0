package io.trailhound.aws;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** Settings for the local servers: their test keys, a region, quick retries. */
public final class TestAws {
    private TestAws() {
    }

    public static AwsSettings settings(URI endpoint) {
        return AwsSettings.of(null, "us-east-1", endpoint.toString()).withRetries(4, Duration.ofMillis(10))
                .withCredentials(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(LocalS3.ACCESS_KEY, LocalS3.SECRET_KEY)));
    }

}
