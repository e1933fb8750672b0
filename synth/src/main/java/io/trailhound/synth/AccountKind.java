package io.trailhound.synth;

/** The part an account plays in the organisation. */
enum AccountKind {
    /** Pays the bills, hosts Identity Center and may call AssumeRoot into members. */
    MANAGEMENT,
    /** Holds the IAM users; people assume roles from here into the other accounts. */
    IDENTITY,
    /** Runs workloads: EC2 instances, Lambda functions, CI deployments. */
    WORKLOAD
}
