package io.trailhound.synth;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.util.List;
import java.util.SplittableRandom;

/**
 * requestParameters (and for KMS the resources list) of ordinary API calls, filled from the
 * calling account's resources. One instance is reused: {@link #prepare} picks the values, the
 * record writer then calls {@link #write} once.
 */
final class RequestParameters implements JsonBody {
    private final SplittableRandom rng;
    private final Ids ids;
    private ApiAction action;
    private Account account;
    private AwsRegion region;
    private String instanceId;
    private String pickA;
    private String pickB;
    final JsonBody kmsResources = this::writeKmsResources;

    RequestParameters(SplittableRandom rng, Ids ids) {
        this.rng = rng;
        this.ids = ids;
    }

    /** Chooses the resources this call names; {@code instanceId} is the caller's own instance, if any. */
    void prepare(ApiAction action, Account account, AwsRegion region, String instanceId) {
        this.action = action;
        this.account = account;
        this.region = region;
        this.instanceId = instanceId;
        AccountResources r = account.resources;
        pickA = null;
        pickB = null;
        switch (action.params) {
            case BUCKET -> pickA = pick(r.buckets);
            case EC2_INSTANCE, SSM_INSTANCE_INFO, SSM_INSTANCE -> pickA = instanceId != null ? instanceId : pickOrNew(r.instanceIds, "i");
            case EC2_TAGS -> pickA = pickOrNew(r.instanceIds, "i");
            case EC2_VOLUME_SNAPSHOT -> pickA = pick(r.volumeIds);
            case EC2_SNAPSHOT -> pickA = ids.resourceId("snap");
            case IAM_ROLE -> pickA = pick(account.roles).name;
            case IAM_USER -> pickA = account.users.isEmpty() ? null : pick(account.users).name;
            case KMS_KEY, KMS_DECRYPT -> pickA = "arn:aws:kms:" + region.code + ":" + account.id + ":key/" + pick(r.kmsKeyIds);
            case SSM_PARAMETER -> pickA = pick(r.parameters);
            case SECRET -> pickA = "arn:aws:secretsmanager:" + region.code + ":" + account.id + ":secret:" + pick(r.secretNames);
            case LAMBDA_FUNCTION -> pickA = r.functions.isEmpty() ? "ops-automation" : pick(r.functions);
            case LOG_GROUP, LOG_STREAM -> pickA = pick(r.logGroups);
            case CFN_STACK, CFN_CHANGE_SET -> {
                pickA = pick(r.stacks);
                pickB = "deploy-" + ids.hex(8);
            }
            case ECS_SERVICE -> pickA = "web";
            case DDB_TABLE -> pickA = pick(r.tables);
            default -> {
            }
        }
    }

    boolean hasBody() {
        return action.params != ApiAction.Params.NONE;
    }

    /** A resource ARN for error messages, or "*". */
    String resourceArn() {
        return switch (action.params) {
            case BUCKET -> "arn:aws:s3:::" + pickA;
            case KMS_KEY, KMS_DECRYPT, SECRET -> pickA;
            case IAM_ROLE -> "arn:aws:iam::" + account.id + ":role/" + pickA;
            case IAM_USER -> pickA == null ? "*" : "arn:aws:iam::" + account.id + ":user/" + pickA;
            case SSM_PARAMETER -> "arn:aws:ssm:" + region.code + ":" + account.id + ":parameter" + pickA;
            case LAMBDA_FUNCTION -> "arn:aws:lambda:" + region.code + ":" + account.id + ":function:" + pickA;
            case DDB_TABLE -> "arn:aws:dynamodb:" + region.code + ":" + account.id + ":table/" + pickA;
            default -> "*";
        };
    }

    private <T> T pick(List<T> list) {
        return list.get(rng.nextInt(list.size()));
    }

    private String pickOrNew(List<String> list, String prefix) {
        return list.isEmpty() ? ids.resourceId(prefix) : pick(list);
    }

    @Override
    public void write(JsonGenerator g) throws IOException {
        g.writeStartObject();
        switch (action.params) {
            case S3_HOST -> g.writeStringField("Host", "s3.amazonaws.com");
            case BUCKET -> {
                g.writeStringField("bucketName", pickA);
                g.writeStringField("Host", pickA + ".s3.amazonaws.com");
                g.writeStringField(action.detail, "");
            }
            case EC2_SETS -> {
                g.writeObjectFieldStart(action.detail);
                g.writeEndObject();
                g.writeObjectFieldStart("filterSet");
                g.writeEndObject();
            }
            case EC2_INSTANCE -> {
                g.writeObjectFieldStart("instancesSet");
                g.writeArrayFieldStart("items");
                g.writeStartObject();
                g.writeStringField("instanceId", pickA);
                g.writeEndObject();
                g.writeEndArray();
                g.writeEndObject();
            }
            case EC2_TAGS -> {
                g.writeObjectFieldStart("resourcesSet");
                g.writeArrayFieldStart("items");
                g.writeStartObject();
                g.writeStringField("resourceId", pickA);
                g.writeEndObject();
                g.writeEndArray();
                g.writeEndObject();
                g.writeObjectFieldStart("tagSet");
                g.writeArrayFieldStart("items");
                g.writeStartObject();
                g.writeStringField("key", "CostCenter");
                g.writeStringField("value", "cc-" + (1000 + rng.nextInt(9000)));
                g.writeEndObject();
                g.writeEndArray();
                g.writeEndObject();
            }
            case EC2_VOLUME_SNAPSHOT -> {
                g.writeStringField("volumeId", pickA);
                g.writeStringField("description", "nightly backup");
            }
            case EC2_SNAPSHOT -> g.writeStringField("snapshotId", pickA);
            case IAM_MAX_ITEMS -> g.writeNumberField("maxItems", 100);
            case IAM_ROLE -> g.writeStringField("roleName", pickA);
            case IAM_USER -> {
                if (pickA != null) {
                    g.writeStringField("userName", pickA);
                }
            }
            case KMS_KEY -> g.writeStringField("keyId", pickA);
            case KMS_DECRYPT -> g.writeStringField("encryptionAlgorithm", "SYMMETRIC_DEFAULT");
            case SSM_PARAMETER -> {
                g.writeStringField("name", pickA);
                g.writeBooleanField("withDecryption", true);
            }
            case SSM_INSTANCE_INFO -> {
                g.writeStringField("instanceId", pickA);
                g.writeStringField("agentVersion", "3.3.1142.0");
                g.writeStringField("agentStatus", "Active");
                g.writeStringField("platformType", "Linux");
                g.writeStringField("platformName", "Amazon Linux");
                g.writeStringField("platformVersion", "2023");
                g.writeStringField("agentName", "amazon-ssm-agent");
            }
            case SSM_INSTANCE -> g.writeStringField("instanceId", pickA);
            case SECRET -> g.writeStringField("secretId", pickA);
            case LAMBDA_FUNCTION -> g.writeStringField("functionName", pickA);
            case LAMBDA_LIST -> g.writeStringField("functionVersion", "ALL");
            case LOG_GROUP -> g.writeStringField("logGroupName", pickA);
            case LOG_STREAM -> {
                g.writeStringField("logGroupName", pickA);
                g.writeStringField("logStreamName", instanceId != null ? instanceId : "stream-" + ids.hex(8));
            }
            case CFN_STACK -> g.writeStringField("stackName", pickA);
            case CFN_CHANGE_SET -> {
                g.writeStringField("stackName", pickA);
                g.writeStringField("changeSetName", pickB);
            }
            case ECS_SERVICE -> {
                g.writeStringField("cluster", account.resources.ecsCluster);
                g.writeArrayFieldStart("services");
                g.writeString(pickA);
                g.writeEndArray();
            }
            case DDB_TABLE -> g.writeStringField("tableName", pickA);
            case CW_ALARMS -> g.writeNumberField("maxRecords", 100);
            case CW_METRIC_DATA -> {
                g.writeNumberField("maxDatapoints", 1440);
                g.writeStringField("scanBy", "TimestampDescending");
            }
            case TRAIL_LIST -> {
                g.writeArrayFieldStart("trailNameList");
                g.writeEndArray();
                g.writeBooleanField("includeShadowTrails", true);
            }
            case TRAIL_NAME -> g.writeStringField("name", account.localTrailName);
            case LOOKUP_EVENTS -> g.writeNumberField("maxResults", 50);
            case LIMIT -> g.writeNumberField("limit", 50);
            case NONE -> {
            }
        }
        g.writeEndObject();
    }

    private void writeKmsResources(JsonGenerator g) throws IOException {
        g.writeStartArray();
        CredentialIssuer.writeResource(g, account.id, "AWS::KMS::Key", pickA);
        g.writeEndArray();
    }
}
