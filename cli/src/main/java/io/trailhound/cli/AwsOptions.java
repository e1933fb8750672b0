package io.trailhound.cli;

import io.trailhound.aws.AwsSettings;
import picocli.CommandLine.Option;

/**
 * Where and as whom the commands that call AWS do so. Credentials come from the SDK's default
 * chain (environment, profiles, SSO, instance and container roles) or --profile; they are never
 * printed nor stored.
 */
final class AwsOptions {
    @Option(names = "--profile", paramLabel = "NAME",
            description = "AWS profile from ~/.aws/config and ~/.aws/credentials (default: the SDK's default chain: "
                    + "environment, AWS_PROFILE, SSO, instance or container role).")
    String profile;

    @Option(names = "--region", paramLabel = "REGION",
            description = "AWS region (default: AWS_REGION, the profile's region, else us-east-1; for S3 without "
                    + "--endpoint-url, the bucket's own region is followed).")
    String region;

    @Option(names = "--endpoint-url", paramLabel = "URL",
            description = "Send AWS calls to this endpoint: an S3-compatible store (MinIO, S3Proxy, Ceph), a local SQS, tests.")
    String endpointUrl;

    AwsSettings settings() {
        return AwsSettings.of(profile, region, endpointUrl);
    }

    boolean given() {
        return profile != null || region != null || endpointUrl != null;
    }
}
