package io.trailhound.synth;

/**
 * One AWS API operation as CloudTrail records it: service, eventName, whether it only reads, the
 * shape of its requestParameters, and the endpoint host the client names in tlsDetails.
 */
final class ApiAction {
    /** Shapes of requestParameters, filled with the calling account's resources. */
    enum Params {
        NONE, S3_HOST, BUCKET, EC2_SETS, EC2_INSTANCE, EC2_TAGS, EC2_VOLUME_SNAPSHOT, EC2_SNAPSHOT, IAM_MAX_ITEMS,
        IAM_ROLE, IAM_USER, KMS_KEY, KMS_DECRYPT, SSM_PARAMETER, SSM_INSTANCE_INFO, SSM_INSTANCE, SECRET,
        LAMBDA_FUNCTION, LAMBDA_LIST, LOG_GROUP, LOG_STREAM, CFN_STACK, CFN_CHANGE_SET, ECS_SERVICE, DDB_TABLE,
        CW_ALARMS, CW_METRIC_DATA, TRAIL_LIST, TRAIL_NAME, LOOKUP_EVENTS, LIMIT
    }

    final String service;
    final String eventSource;
    final String eventName;
    final String iamAction;
    final boolean readOnly;
    /** Global services log in us-east-1 whatever the caller's region. */
    final boolean global;
    final Params params;
    /** Extra detail for the params shape (EC2 set name, S3 sub-resource). */
    final String detail;
    final String eventVersion;
    private final String[] hosts = new String[AwsRegion.values().length];

    ApiAction(String service, String hostPrefix, String eventName, boolean readOnly, boolean global, Params params,
              String detail) {
        this.service = service;
        this.eventSource = (service.equals("cloudwatch") ? "monitoring" : service) + ".amazonaws.com";
        this.eventName = eventName;
        this.iamAction = service + ":" + eventName.replaceFirst("\\d{8}(v\\d)?$", "");
        this.readOnly = readOnly;
        this.global = global;
        this.params = params;
        this.detail = detail;
        this.eventVersion = switch (service) {
            case "ec2", "ssm" -> "1.10";
            case "iam", "cloudtrail", "s3" -> "1.09";
            default -> "1.08";
        };
        for (AwsRegion r : AwsRegion.values()) {
            hosts[r.ordinal()] = global ? hostPrefix + ".amazonaws.com" : hostPrefix + "." + r.code + ".amazonaws.com";
        }
    }

    String host(AwsRegion region) {
        return hosts[region.ordinal()];
    }
}
