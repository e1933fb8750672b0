package io.trailhound.bench.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailhound.aws.AwsSettings;
import io.trailhound.aws.s3.S3Clients;
import io.trailhound.aws.s3.TrailKeyFilter;
import io.trailhound.aws.s3.TrailSources;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The bench's S3Proxy child: its usual endpoint checks every signature; the unchecked one, asked
 * for by the {@code s3na} rows, serves the same objects without checking them.
 */
class EndpointProcessTest {
    private static final String KEY = "AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/01/a.json.gz";

    @Test
    void theUncheckedPortServesTheSameObjectsAndOnlyItTakesAWrongSignature() throws Exception {
        try (EndpointProcess endpoint = new EndpointProcess(List.of("memory"), List.of("-Xmx256m"), true)) {
            try (S3Client s3 = S3Clients.create(endpoint.settings())) {
                s3.createBucket(b -> b.bucket("checked"));
                s3.putObject(b -> b.bucket("checked").key(KEY), RequestBody.fromString("x", StandardCharsets.UTF_8));
            }
            AwsBasicCredentials wrong = AwsBasicCredentials.create("AKIDTESTTESTTEST", "not-the-secret");
            try (S3Client checked = S3Clients.create(endpoint.settings().withCredentials(StaticCredentialsProvider.create(wrong)));
                 S3Client unchecked = S3Clients.create(endpoint.uncheckedSettings()
                         .withCredentials(StaticCredentialsProvider.create(wrong)))) {
                assertThatThrownBy(() -> checked.getObjectAsBytes(b -> b.bucket("checked").key(KEY)))
                        .isInstanceOf(S3Exception.class).satisfies(e -> assertThat(((S3Exception) e).statusCode()).isEqualTo(403));
                assertThat(unchecked.getObjectAsBytes(b -> b.bucket("checked").key(KEY)).asUtf8String()).isEqualTo("x");
            }
            // the scan lists and reads it over either port alike, with the right keys
            for (AwsSettings settings : List.of(endpoint.settings(), endpoint.uncheckedSettings())) {
                try (TrailSources sources = new TrailSources(settings, 2)) {
                    assertThat(sources.find(List.of("s3://checked/"), TrailKeyFilter.ALL).inputs())
                            .singleElement().satisfies(i -> assertThat(i.name()).isEqualTo("s3://checked/" + KEY));
                }
            }
        }
    }
}
