package io.trailhound.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static io.trailhound.synth.ApiAction.Params.*;

/**
 * The API calls each kind of principal makes, with relative weights: mostly Describe/List/Get
 * noise, a few writes. Personas are fixed lists, so picks depend only on the random stream.
 */
final class ApiCatalog {

    /** A weighted set of actions one kind of caller makes. */
    static final class Persona {
        private final ApiAction[] actions;
        private final double[] cumulative;

        private Persona(List<ApiAction> actions, List<Double> weights) {
            this.actions = actions.toArray(new ApiAction[0]);
            this.cumulative = new double[weights.size()];
            double sum = 0;
            for (int i = 0; i < weights.size(); i++) {
                sum += weights.get(i);
                cumulative[i] = sum;
            }
        }

        ApiAction pick(SplittableRandom rng) {
            double x = rng.nextDouble() * cumulative[cumulative.length - 1];
            int lo = 0;
            int hi = cumulative.length - 1;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (cumulative[mid] <= x) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return actions[lo];
        }
    }

    private static final class Builder {
        private final List<ApiAction> actions = new ArrayList<>();
        private final List<Double> weights = new ArrayList<>();

        Builder add(double weight, ApiAction action) {
            actions.add(action);
            weights.add(weight);
            return this;
        }

        Persona build() {
            return new Persona(actions, weights);
        }
    }

    // single actions used by name (attack stories, root tasks, GetCallerIdentity checks)
    static final ApiAction GET_CALLER_IDENTITY = global("sts", "sts", "GetCallerIdentity", true, NONE, null);
    static final ApiAction LIST_BUCKETS = global("s3", "s3", "ListBuckets", true, S3_HOST, null);
    static final ApiAction DESCRIBE_INSTANCES = regional("ec2", "ec2", "DescribeInstances", true, EC2_SETS, "instancesSet");
    static final ApiAction LIST_USERS = global("iam", "iam", "ListUsers", true, IAM_MAX_ITEMS, null);
    static final ApiAction LIST_ROLES = global("iam", "iam", "ListRoles", true, IAM_MAX_ITEMS, null);
    static final ApiAction GET_ACCOUNT_AUTHORIZATION_DETAILS =
            global("iam", "iam", "GetAccountAuthorizationDetails", true, NONE, null);
    static final ApiAction LIST_ACCESS_KEYS = global("iam", "iam", "ListAccessKeys", true, IAM_USER, null);
    static final ApiAction LIST_MFA_DEVICES = global("iam", "iam", "ListMFADevices", true, IAM_USER, null);
    static final ApiAction GET_LOGIN_PROFILE = global("iam", "iam", "GetLoginProfile", true, NONE, null);
    static final ApiAction LIST_SIGNING_CERTIFICATES = global("iam", "iam", "ListSigningCertificates", true, NONE, null);
    static final ApiAction GET_ACCOUNT_SUMMARY = global("iam", "iam", "GetAccountSummary", true, NONE, null);
    static final ApiAction CREATE_ACCESS_KEY = global("iam", "iam", "CreateAccessKey", false, NONE, null);
    static final ApiAction DEACTIVATE_MFA_DEVICE = global("iam", "iam", "DeactivateMFADevice", false, NONE, null);
    static final ApiAction DELETE_VIRTUAL_MFA_DEVICE = global("iam", "iam", "DeleteVirtualMFADevice", false, NONE, null);
    static final ApiAction CREATE_LOGIN_PROFILE = global("iam", "iam", "CreateLoginProfile", false, NONE, null);
    static final ApiAction GET_BUCKET_POLICY = global("s3", "s3", "GetBucketPolicy", true, BUCKET, "policy");
    static final ApiAction DELETE_BUCKET_POLICY = global("s3", "s3", "DeleteBucketPolicy", false, BUCKET, "policy");
    static final ApiAction DESCRIBE_TRAILS = regional("cloudtrail", "cloudtrail", "DescribeTrails", true, TRAIL_LIST, null);
    static final ApiAction GET_TRAIL_STATUS = regional("cloudtrail", "cloudtrail", "GetTrailStatus", true, TRAIL_NAME, null);
    static final ApiAction STOP_LOGGING = regional("cloudtrail", "cloudtrail", "StopLogging", false, TRAIL_NAME, null);
    static final ApiAction DELETE_TRAIL = regional("cloudtrail", "cloudtrail", "DeleteTrail", false, TRAIL_NAME, null);
    static final ApiAction GET_SECRET_VALUE = regional("secretsmanager", "secretsmanager", "GetSecretValue", true, SECRET, null);

    final Persona human = new Builder()
            .add(8, DESCRIBE_INSTANCES)
            .add(3, regional("ec2", "ec2", "DescribeSecurityGroups", true, EC2_SETS, "securityGroupIdSet"))
            .add(2, regional("ec2", "ec2", "DescribeVpcs", true, EC2_SETS, "vpcSet"))
            .add(2, regional("ec2", "ec2", "DescribeSubnets", true, EC2_SETS, "subnetSet"))
            .add(2, regional("ec2", "ec2", "DescribeVolumes", true, EC2_SETS, "volumeSet"))
            .add(2, regional("ec2", "ec2", "DescribeInstanceStatus", true, EC2_SETS, "instancesSet"))
            .add(1, regional("ec2", "ec2", "DescribeRegions", true, EC2_SETS, "regionSet"))
            .add(0.5, regional("ec2", "ec2", "CreateTags", false, EC2_TAGS, null))
            .add(0.2, regional("ec2", "ec2", "StartInstances", false, EC2_INSTANCE, null))
            .add(0.2, regional("ec2", "ec2", "StopInstances", false, EC2_INSTANCE, null))
            .add(5, LIST_BUCKETS)
            .add(2, global("s3", "s3", "GetBucketLocation", true, BUCKET, "location"))
            .add(1, GET_BUCKET_POLICY)
            .add(1, global("s3", "s3", "GetBucketAcl", true, BUCKET, "acl"))
            .add(1, global("s3", "s3", "GetBucketVersioning", true, BUCKET, "versioning"))
            .add(1, global("s3", "s3", "GetBucketEncryption", true, BUCKET, "encryption"))
            .add(0.2, global("s3", "s3", "PutBucketTagging", false, BUCKET, "tagging"))
            .add(2, LIST_ROLES)
            .add(2, global("iam", "iam", "GetRole", true, IAM_ROLE, null))
            .add(1, global("iam", "iam", "ListAttachedRolePolicies", true, IAM_ROLE, null))
            .add(1, LIST_USERS)
            .add(1, global("iam", "iam", "ListPolicies", true, IAM_MAX_ITEMS, null))
            .add(0.5, GET_ACCOUNT_SUMMARY)
            .add(3, GET_CALLER_IDENTITY)
            .add(1, regional("kms", "kms", "ListKeys", true, LIMIT, null))
            .add(1, regional("kms", "kms", "ListAliases", true, LIMIT, null))
            .add(1, regional("kms", "kms", "DescribeKey", true, KMS_KEY, null))
            .add(2, regional("lambda", "lambda", "ListFunctions20150331", true, LAMBDA_LIST, null))
            .add(1, regional("lambda", "lambda", "GetFunction20150331v2", true, LAMBDA_FUNCTION, null))
            .add(0.1, regional("lambda", "lambda", "UpdateFunctionConfiguration20150331v2", false, LAMBDA_FUNCTION, null))
            .add(2, regional("logs", "logs", "DescribeLogGroups", true, LIMIT, null))
            .add(1, regional("logs", "logs", "DescribeLogStreams", true, LOG_GROUP, null))
            .add(1, regional("logs", "logs", "FilterLogEvents", true, LOG_GROUP, null))
            .add(2, regional("cloudwatch", "monitoring", "DescribeAlarms", true, CW_ALARMS, null))
            .add(2, regional("cloudwatch", "monitoring", "GetMetricData", true, CW_METRIC_DATA, null))
            .add(1, regional("ssm", "ssm", "DescribeParameters", true, LIMIT, null))
            .add(1, regional("ssm", "ssm", "GetParameter", true, SSM_PARAMETER, null))
            .add(1, regional("ssm", "ssm", "DescribeInstanceInformation", true, LIMIT, null))
            .add(0.1, regional("ssm", "ssm", "PutParameter", false, SSM_PARAMETER, null))
            .add(2, regional("cloudformation", "cloudformation", "DescribeStacks", true, CFN_STACK, null))
            .add(1, regional("cloudformation", "cloudformation", "ListStacks", true, NONE, null))
            .add(0.5, DESCRIBE_TRAILS)
            .add(0.5, regional("cloudtrail", "cloudtrail", "LookupEvents", true, LOOKUP_EVENTS, null))
            .add(0.5, regional("secretsmanager", "secretsmanager", "ListSecrets", true, LIMIT, null))
            .add(0.5, regional("secretsmanager", "secretsmanager", "DescribeSecret", true, SECRET, null))
            .add(1, regional("rds", "rds", "DescribeDBInstances", true, NONE, null))
            .add(1, regional("dynamodb", "dynamodb", "DescribeTable", true, DDB_TABLE, null))
            .add(1, regional("dynamodb", "dynamodb", "ListTables", true, NONE, null))
            .add(1, regional("ecs", "ecs", "DescribeServices", true, ECS_SERVICE, null))
            .build();

    /** An IAM user looking at their own account (identity account). */
    final Persona identitySelf = new Builder()
            .add(4, GET_CALLER_IDENTITY)
            .add(2, global("iam", "iam", "GetUser", true, IAM_USER, null))
            .add(2, LIST_ACCESS_KEYS)
            .add(2, LIST_MFA_DEVICES)
            .add(1, global("iam", "iam", "ListGroupsForUser", true, IAM_USER, null))
            .add(1, GET_ACCOUNT_SUMMARY)
            .add(1, LIST_USERS)
            .add(1, global("iam", "iam", "GetAccountPasswordPolicy", true, NONE, null))
            .add(1, LIST_BUCKETS)
            .build();

    final Persona management = new Builder()
            .add(3, global("organizations", "organizations.us-east-1", "ListAccounts", true, NONE, null))
            .add(2, global("organizations", "organizations.us-east-1", "DescribeOrganization", true, NONE, null))
            .add(1, global("organizations", "organizations.us-east-1", "ListRoots", true, NONE, null))
            .add(2, global("ce", "ce.us-east-1", "GetCostAndUsage", true, NONE, null))
            .add(2, GET_CALLER_IDENTITY)
            .add(2, LIST_ROLES)
            .add(1, DESCRIBE_TRAILS)
            .add(2, LIST_BUCKETS)
            .build();

    final Persona ciDeploy = new Builder()
            .add(4, regional("cloudformation", "cloudformation", "DescribeStacks", true, CFN_STACK, null))
            .add(1, regional("cloudformation", "cloudformation", "CreateChangeSet", false, CFN_CHANGE_SET, null))
            .add(2, regional("cloudformation", "cloudformation", "DescribeChangeSet", true, CFN_CHANGE_SET, null))
            .add(1, regional("cloudformation", "cloudformation", "ExecuteChangeSet", false, CFN_CHANGE_SET, null))
            .add(2, regional("lambda", "lambda", "GetFunction20150331v2", true, LAMBDA_FUNCTION, null))
            .add(1, regional("lambda", "lambda", "UpdateFunctionCode20150331v2", false, LAMBDA_FUNCTION, null))
            .add(2, regional("ecr", "api.ecr", "GetAuthorizationToken", true, NONE, null))
            .add(1, regional("ecs", "ecs", "RegisterTaskDefinition", false, NONE, null))
            .add(1, regional("ecs", "ecs", "UpdateService", false, ECS_SERVICE, null))
            .add(2, regional("ecs", "ecs", "DescribeServices", true, ECS_SERVICE, null))
            .add(1, global("s3", "s3", "GetBucketLocation", true, BUCKET, "location"))
            .add(2, GET_CALLER_IDENTITY)
            .build();

    final Persona terraform = new Builder()
            .add(3, regional("ec2", "ec2", "DescribeVpcs", true, EC2_SETS, "vpcSet"))
            .add(3, regional("ec2", "ec2", "DescribeSubnets", true, EC2_SETS, "subnetSet"))
            .add(3, regional("ec2", "ec2", "DescribeSecurityGroups", true, EC2_SETS, "securityGroupIdSet"))
            .add(2, DESCRIBE_INSTANCES)
            .add(2, global("iam", "iam", "GetRole", true, IAM_ROLE, null))
            .add(2, global("iam", "iam", "ListAttachedRolePolicies", true, IAM_ROLE, null))
            .add(1, global("iam", "iam", "ListRolePolicies", true, IAM_ROLE, null))
            .add(2, GET_BUCKET_POLICY)
            .add(2, global("s3", "s3", "GetBucketVersioning", true, BUCKET, "versioning"))
            .add(2, global("s3", "s3", "GetBucketEncryption", true, BUCKET, "encryption"))
            .add(1, global("s3", "s3", "GetBucketAcl", true, BUCKET, "acl"))
            .add(2, regional("kms", "kms", "DescribeKey", true, KMS_KEY, null))
            .add(1, regional("kms", "kms", "GetKeyPolicy", true, KMS_KEY, null))
            .add(1, regional("lambda", "lambda", "GetFunction20150331v2", true, LAMBDA_FUNCTION, null))
            .add(1, regional("logs", "logs", "DescribeLogGroups", true, LIMIT, null))
            .add(1, regional("dynamodb", "dynamodb", "DescribeTable", true, DDB_TABLE, null))
            .add(1, GET_CALLER_IDENTITY)
            .add(0.5, regional("ec2", "ec2", "CreateTags", false, EC2_TAGS, null))
            .build();

    final Persona backup = new Builder()
            .add(3, regional("ec2", "ec2", "DescribeVolumes", true, EC2_SETS, "volumeSet"))
            .add(3, regional("ec2", "ec2", "DescribeSnapshots", true, EC2_SETS, "snapshotSet"))
            .add(1, regional("ec2", "ec2", "CreateSnapshot", false, EC2_VOLUME_SNAPSHOT, null))
            .add(0.5, regional("ec2", "ec2", "DeleteSnapshot", false, EC2_SNAPSHOT, null))
            .add(1, regional("ec2", "ec2", "CreateTags", false, EC2_TAGS, null))
            .build();

    final Persona monitoring = new Builder()
            .add(3, regional("cloudwatch", "monitoring", "DescribeAlarms", true, CW_ALARMS, null))
            .add(5, regional("cloudwatch", "monitoring", "GetMetricData", true, CW_METRIC_DATA, null))
            .add(2, regional("cloudwatch", "monitoring", "ListMetrics", true, NONE, null))
            .add(2, DESCRIBE_INSTANCES)
            .add(2, regional("ec2", "ec2", "DescribeInstanceStatus", true, EC2_SETS, "instancesSet"))
            .add(1, regional("rds", "rds", "DescribeDBInstances", true, NONE, null))
            .add(1, regional("logs", "logs", "DescribeLogGroups", true, LIMIT, null))
            .build();

    final Persona s3Sync = new Builder()
            .add(2, LIST_BUCKETS)
            .add(3, global("s3", "s3", "GetBucketLocation", true, BUCKET, "location"))
            .add(1, global("s3", "s3", "GetBucketAcl", true, BUCKET, "acl"))
            .add(1, global("s3", "s3", "GetBucketVersioning", true, BUCKET, "versioning"))
            .add(1, GET_CALLER_IDENTITY)
            .build();

    final Persona ec2Instance = new Builder()
            .add(4, regional("ssm", "ssm", "UpdateInstanceInformation", false, SSM_INSTANCE_INFO, null))
            .add(3, regional("ssm", "ssm", "ListInstanceAssociations", true, SSM_INSTANCE, null))
            .add(2, regional("ssm", "ssm", "GetParameters", true, SSM_PARAMETER, null))
            .add(3, regional("kms", "kms", "Decrypt", true, KMS_DECRYPT, null))
            .add(2, GET_SECRET_VALUE)
            .add(1, regional("ec2", "ec2", "DescribeTags", true, EC2_SETS, "filterSet"))
            .add(1, GET_CALLER_IDENTITY)
            .add(1, regional("logs", "logs", "CreateLogStream", false, LOG_STREAM, null))
            .add(1, regional("logs", "logs", "DescribeLogStreams", true, LOG_GROUP, null))
            .build();

    final Persona lambda = new Builder()
            .add(3, regional("kms", "kms", "Decrypt", true, KMS_DECRYPT, null))
            .add(3, regional("ssm", "ssm", "GetParameter", true, SSM_PARAMETER, null))
            .add(3, GET_SECRET_VALUE)
            .add(1, regional("dynamodb", "dynamodb", "DescribeTable", true, DDB_TABLE, null))
            .add(1, global("s3", "s3", "GetBucketLocation", true, BUCKET, "location"))
            .add(1, GET_CALLER_IDENTITY)
            .build();

    /** Read-only tasks an AssumeRoot session runs under IAMAuditRootUserCredentials. */
    final Persona rootAudit = new Builder()
            .add(1, GET_LOGIN_PROFILE)
            .add(1, global("iam", "iam", "ListAccessKeys", true, NONE, null))
            .add(1, global("iam", "iam", "ListMFADevices", true, NONE, null))
            .add(1, LIST_SIGNING_CERTIFICATES)
            .build();

    /** An AssumeRoot session under S3UnlockBucketPolicy: read, then delete, a bucket policy that locks everyone out. */
    final Persona rootS3Unlock = new Builder()
            .add(2, GET_BUCKET_POLICY)
            .add(1, DELETE_BUCKET_POLICY)
            .build();

    /** Persona for a role session by its purpose. */
    Persona forRole(Role role) {
        return switch (role.purpose) {
            case CI_DEPLOY, GITHUB_DEPLOY -> ciDeploy;
            case TERRAFORM -> terraform;
            default -> role.account.kind == AccountKind.MANAGEMENT ? management : human;
        };
    }

    private static ApiAction global(String service, String host, String name, boolean readOnly, ApiAction.Params p,
                                    String detail) {
        return new ApiAction(service, host, name, readOnly, true, p, detail);
    }

    private static ApiAction regional(String service, String host, String name, boolean readOnly, ApiAction.Params p,
                                      String detail) {
        return new ApiAction(service, host, name, readOnly, false, p, detail);
    }
}
