package io.trailhound.core.rules.elastic;

import static io.trailhound.core.rules.elastic.CloudTrailRecords.ASSUMED_ROLE;
import static io.trailhound.core.rules.elastic.CloudTrailRecords.AWS_SERVICE;
import static io.trailhound.core.rules.elastic.CloudTrailRecords.EC2_INSTANCE_ROLE;
import static io.trailhound.core.rules.elastic.CloudTrailRecords.IAM_USER;
import static io.trailhound.core.rules.elastic.CloudTrailRecords.record;
import static io.trailhound.core.rules.elastic.EvidenceCase.CLI;
import static io.trailhound.core.rules.elastic.EvidenceCase.IP;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hit/miss events for the peer rules that watch one successful API call (most of them new_terms
 * rules, whose novelty the engine decides): the call as an attacker makes it, and the nearest
 * benign record (the call refused, a read of the same resource, or the service's own actor).
 */
class PeerRuleEvidenceSingleActionTest {
    private static final String DENIED = "\"errorCode\":\"AccessDenied\",\"errorMessage\":\"not authorized\"";

    static Stream<EvidenceCase> cases() {
        return Stream.of(
                new EvidenceCase("AWS Bedrock Automated Reasoning Safety Policy Tampering",
                        record("bedrock.amazonaws.com", "DeleteAutomatedReasoningPolicy", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"policyArn\":\"arn:aws:bedrock:us-east-1:111122223333:"
                                        + "automated-reasoning-policy/p1\"}"),
                        record("bedrock.amazonaws.com", "GetAutomatedReasoningPolicy", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"policyArn\":\"arn:aws:bedrock:us-east-1:111122223333:"
                                        + "automated-reasoning-policy/p1\"}"),
                        "a read"),
                new EvidenceCase("AWS Route 53 Resolver Query Log Configuration Deleted",
                        record("route53resolver.amazonaws.com", "DeleteResolverQueryLogConfig", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"resolverQueryLogConfigId\":\"rqlc-1\"}"),
                        record("route53resolver.amazonaws.com", "CreateResolverQueryLogConfig", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"name\":\"dns\",\"destinationArn\":\"arn:aws:s3:::dns-logs\"}"),
                        "logging created"),
                new EvidenceCase("AWS First Occurrence of STS GetFederationToken Request by User",
                        record("sts.amazonaws.com", "GetFederationToken", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"name\":\"persist\",\"durationSeconds\":129600}"),
                        record("sts.amazonaws.com", "GetFederationToken", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"name\":\"persist\"}," + DENIED),
                        "refused"),
                new EvidenceCase("AWS WAF Rule or Rule Group Deletion",
                        record("waf-regional.amazonaws.com", "DeleteRuleGroup", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"ruleGroupId\":\"rg-1\",\"changeToken\":\"t\"}"),
                        record("waf-regional.amazonaws.com", "GetRuleGroup", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"ruleGroupId\":\"rg-1\"}"),
                        "a read"),
                new EvidenceCase("AWS CloudShell Environment Created",
                        record("cloudshell.amazonaws.com", "CreateEnvironment", IAM_USER, IP, "Mozilla/5.0", ""),
                        record("cloudshell.amazonaws.com", "CreateEnvironment", IAM_USER, IP, "Mozilla/5.0", DENIED),
                        "refused"),
                new EvidenceCase("First Time AWS CloudFormation Stack Creation",
                        record("cloudformation.amazonaws.com", "CreateStack", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"stackName\":\"miner\",\"templateURL\":\"https://x/t.yaml\"}"),
                        record("cloudformation.amazonaws.com", "DescribeStacks", IAM_USER, IP, CLI, ""),
                        "a read"),
                new EvidenceCase("AWS DynamoDB Scan by Unusual User",
                        record("dynamodb.amazonaws.com", "Scan", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"tableName\":\"customers\"}"),
                        record("dynamodb.amazonaws.com", "DescribeTable", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"tableName\":\"customers\"}"),
                        "table metadata only"),
                new EvidenceCase("AWS DynamoDB Table Exported to S3",
                        record("dynamodb.amazonaws.com", "ExportTableToPointInTime", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"tableArn\":\"arn:aws:dynamodb:us-east-1:111122223333:table/customers\","
                                        + "\"s3Bucket\":\"exfil\",\"s3BucketOwner\":\"999988887777\"}"),
                        record("dynamodb.amazonaws.com", "ExportTableToPointInTime", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"tableArn\":\"arn:aws:dynamodb:us-east-1:111122223333:table/customers\","
                                        + "\"s3Bucket\":\"exfil\"},\"errorCode\":\"PointInTimeRecoveryUnavailableException\""),
                        "refused: no point-in-time recovery"),
                new EvidenceCase("AWS EC2 Export Task",
                        record("ec2.amazonaws.com", "CreateInstanceExportTask", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"instanceId\":\"i-0abc\",\"targetEnvironment\":\"vmware\"}"),
                        record("ec2.amazonaws.com", "DescribeExportTasks", IAM_USER, IP, CLI, ""),
                        "a read"),
                new EvidenceCase("AWS EC2 Full Network Packet Capture Detected",
                        record("ec2.amazonaws.com", "CreateTrafficMirrorSession", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"CreateTrafficMirrorSessionRequest\":{\"NetworkInterfaceId\":"
                                        + "\"eni-1\",\"TrafficMirrorTargetId\":\"tmt-1\"}}"),
                        record("ec2.amazonaws.com", "DeleteTrafficMirrorSession", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"DeleteTrafficMirrorSessionRequest\":{\"TrafficMirrorSessionId\":"
                                        + "\"tms-1\"}}"),
                        "a mirror session removed"),
                new EvidenceCase("AWS RDS Snapshot Export",
                        record("rds.amazonaws.com", "StartExportTask", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"exportTaskIdentifier\":\"x\",\"s3BucketName\":\"exfil\"}"),
                        record("rds.amazonaws.com", "DescribeExportTasks", IAM_USER, IP, CLI, ""),
                        "a read"),
                new EvidenceCase("AWS SNS Rare Protocol Subscription by User",
                        record("sns.amazonaws.com", "Subscribe", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"topicArn\":\"arn:aws:sns:us-east-1:111122223333:alerts\","
                                        + "\"protocol\":\"email\",\"endpoint\":\"attacker@example.net\"}"),
                        record("sns.amazonaws.com", "Unsubscribe", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"subscriptionArn\":\"arn:aws:sns:us-east-1:111122223333:alerts:1\"}"),
                        "an unsubscription"),
                new EvidenceCase("AWS Backup Recovery Point Deleted",
                        record("backup.amazonaws.com", "DeleteRecoveryPoint", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"backupVaultName\":\"prod\",\"recoveryPointArn\":\"rp-1\"}"),
                        record("backup.amazonaws.com", "DeleteRecoveryPoint", AWS_SERVICE, "backup.amazonaws.com",
                                "backup.amazonaws.com", "\"requestParameters\":{\"backupVaultName\":\"prod\","
                                        + "\"recoveryPointArn\":\"rp-1\"}"),
                        "lifecycle expiry by AWS Backup itself"),
                new EvidenceCase("AWS Bedrock Knowledge Base or RAG Data Source Tampering",
                        record("bedrock.amazonaws.com", "UpdateDataSource", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"knowledgeBaseId\":\"kb-1\",\"dataSourceId\":\"ds-1\"}"),
                        record("bedrock.amazonaws.com", "GetDataSource", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"knowledgeBaseId\":\"kb-1\",\"dataSourceId\":\"ds-1\"}"),
                        "a read"),
                new EvidenceCase("AWS Bedrock Provisioned Model Throughput Tampering",
                        record("bedrock.amazonaws.com", "DeleteProvisionedModelThroughput", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"provisionedModelId\":\"pm-1\"}"),
                        record("bedrock.amazonaws.com", "GetProvisionedModelThroughput", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"provisionedModelId\":\"pm-1\"}"),
                        "a read"),
                new EvidenceCase("AWS CloudWatch Log Stream Deletion",
                        record("logs.amazonaws.com", "DeleteLogStream", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"logGroupName\":\"/app\",\"logStreamName\":\"i-0abc\"}"),
                        record("logs.amazonaws.com", "DeleteLogStream", AWS_SERVICE, "AWS Internal", "AWS Internal",
                                "\"requestParameters\":{\"logGroupName\":\"/app\",\"logStreamName\":\"old\"}"),
                        "retention clean-up by AWS"),
                new EvidenceCase("AWS EFS File System Deleted",
                        record("elasticfilesystem.amazonaws.com", "DeleteFileSystem", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"fileSystemId\":\"fs-1\"}"),
                        record("elasticfilesystem.amazonaws.com", "DeleteFileSystem", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"fileSystemId\":\"fs-1\"},\"errorCode\":\"FileSystemInUse\""),
                        "refused: mount targets exist"),
                new EvidenceCase("Unusual AWS S3 Object Encryption with SSE-C",
                        record("s3.amazonaws.com", "CopyObject", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"bucketName\":\"data\",\"key\":\"a\",\"x-amz-copy-source\":\"data/a\","
                                        + "\"x-amz-server-side-encryption-customer-algorithm\":\"AES256\"}"),
                        record("s3.amazonaws.com", "CopyObject", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"bucketName\":\"data\",\"key\":\"a\",\"x-amz-copy-source\":\"data/a\"}"),
                        "no customer-provided key"),
                new EvidenceCase("AWS SSM Session Started to EC2 Instance",
                        record("ssm.amazonaws.com", "StartSession", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"target\":\"i-0abc\"}"),
                        record("ssm.amazonaws.com", "TerminateSession", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"sessionId\":\"alice-1\"}"),
                        "a session ended"),
                new EvidenceCase("AWS SNS Topic Message Publish by Rare User",
                        record("sns.amazonaws.com", "Publish", EC2_INSTANCE_ROLE, "203.0.113.50", "Boto3/1.34",
                                "\"requestParameters\":{\"topicArn\":\"arn:aws:sns:us-east-1:111122223333:customers\"}"),
                        record("sns.amazonaws.com", "Publish", EC2_INSTANCE_ROLE, "203.0.113.50", "Boto3/1.34",
                                "\"requestParameters\":{\"topicArn\":\"arn:aws:sns:us-east-1:111122223333:customers\"},"
                                        + "\"errorCode\":\"AuthorizationError\""),
                        "refused"),
                new EvidenceCase("AWS Bedrock Agent or Action Group Manipulation",
                        record("bedrock.amazonaws.com", "CreateAgentActionGroup", ASSUMED_ROLE, IP, CLI,
                                "\"requestParameters\":{\"agentId\":\"A1\",\"actionGroupName\":\"shell\"}"),
                        record("bedrock.amazonaws.com", "GetAgentActionGroup", ASSUMED_ROLE, IP, CLI,
                                "\"requestParameters\":{\"agentId\":\"A1\",\"actionGroupId\":\"g1\"}"),
                        "a read"),
                new EvidenceCase("AWS Bedrock Unauthorized Resource-Based Policy Modification Attempt",
                        record("bedrock.amazonaws.com", "DeleteResourcePolicy", IAM_USER, IP, CLI,
                                "\"errorCode\":\"AccessDeniedException\",\"errorMessage\":\"not authorized\""),
                        record("bedrock.amazonaws.com", "DeleteResourcePolicy", IAM_USER, IP, CLI,
                                "\"errorCode\":\"ResourceNotFoundException\",\"errorMessage\":\"no policy\""),
                        "failed for another reason than authorisation"),
                new EvidenceCase("AWS Bedrock Third-Party or External Knowledge Base Associated to Agent",
                        record("bedrock.amazonaws.com", "AssociateAgentKnowledgeBase", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"agentId\":\"A1\",\"knowledgeBaseId\":\"kb-ext\"}"),
                        record("bedrock.amazonaws.com", "DisassociateAgentKnowledgeBase", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"agentId\":\"A1\",\"knowledgeBaseId\":\"kb-ext\"}"),
                        "a disassociation"),
                new EvidenceCase("AWS Bedrock Untrusted Model Imported or Marketplace Endpoint Registered",
                        record("bedrock.amazonaws.com", "CreateModelImportJob", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"jobName\":\"j\",\"importedModelName\":\"m\"}"),
                        record("bedrock.amazonaws.com", "ListModelImportJobs", IAM_USER, IP, CLI, ""),
                        "a read"),
                new EvidenceCase("AWS IAM Roles Anywhere Profile Creation",
                        record("rolesanywhere.amazonaws.com", "CreateProfile", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"name\":\"p\",\"roleArns\":[\"arn:aws:iam::111122223333:role/Admin\"]}"),
                        record("rolesanywhere.amazonaws.com", "CreateProfile", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"name\":\"p\"}," + DENIED),
                        "refused"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void ruleMatchesItsAttackAndNotTheNearestBenignEvent(EvidenceCase c) {
        c.check();
    }
}
