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
        return builder(settings).build();
    }

    /**
     * Checksums only where the API requires them, for AWS as for other stores. Trailhound only lists
     * and GETs; "when supported", each GET asks S3 to append an MD5 of the body (x-amz-te:
     * append-md5) that the SDK then computes over every byte of every object. The trail's objects
     * are gzip, whose members carry a CRC-32 and size the reader checks (a member that fails is
     * quarantined), and HTTPS covers the transfer: a second digest per object is work for nothing.
     */
    static S3ClientBuilder builder(AwsSettings settings) {
        S3ClientBuilder b = settings.configure(S3Client.builder(), settings.credentials())
                .httpClient(AwsSettings.sharedHttpClient())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        if (settings.endpoint() != null) {
            b.forcePathStyle(true); // S3-compatible stores (MinIO, S3Proxy, Ceph) address buckets by path
        } else if (settings.region() == null) {
            b.crossRegionAccessEnabled(true); // no region given: follow the bucket to its region
        }
        return b;
    }
}
