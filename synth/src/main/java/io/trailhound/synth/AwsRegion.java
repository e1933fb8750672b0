package io.trailhound.synth;

/** The regions the organisation works in. Global services (IAM, STS global endpoint, sign-in) log in us-east-1. */
enum AwsRegion {
    US_EAST_1("us-east-1"),
    EU_WEST_1("eu-west-1");

    final String code;

    AwsRegion(String code) {
        this.code = code;
    }
}
