package io.trailhound.aws.s3;

import io.trailhound.aws.AwsSettings;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/** The S3 client for a set of {@link AwsSettings}. */
public final class S3Clients {
    private S3Clients() {
    }

    public static S3Client create(AwsSettings settings) {
        S3ClientBuilder b = settings.configure(S3Client.builder(), settings.credentials())
                .httpClient(AwsSettings.sharedHttpClient());
        if (settings.endpoint() != null) {
            // S3-compatible stores (MinIO, S3Proxy, Ceph) address buckets by path and may not know the newer checksums
            b.forcePathStyle(true)
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        } else if (settings.region() == null) {
            b.crossRegionAccessEnabled(true); // no region given: follow the bucket to its region
        }
        return b.build();
    }
}
