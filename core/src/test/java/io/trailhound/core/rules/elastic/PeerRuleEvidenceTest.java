package io.trailhound.core.rules.elastic;

import static io.trailhound.core.rules.elastic.CloudTrailRecords.ASSUMED_ROLE;
import static io.trailhound.core.rules.elastic.CloudTrailRecords.AWS_SERVICE;
import static io.trailhound.core.rules.elastic.CloudTrailRecords.EC2_INSTANCE_ROLE;
import static io.trailhound.core.rules.elastic.CloudTrailRecords.IAM_USER;
import static io.trailhound.core.rules.elastic.CloudTrailRecords.IAM_USER_TEMP_KEY;
import static io.trailhound.core.rules.elastic.CloudTrailRecords.ROOT;
import static io.trailhound.core.rules.elastic.CloudTrailRecords.TERRAFORM_ROLE;
import static io.trailhound.core.rules.elastic.CloudTrailRecords.record;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * For peer rules, one event that the rule is meant to catch and the nearest event it is meant to
 * let pass, each written by hand from the rule's description and AWS's documentation of the API
 * call (not generated from the query). Each case says what differs.
 */
class PeerRuleEvidenceTest {
    // Identity, audit and sign-in rules; data and service rules are in PeerRuleEvidenceServicesTest.
    private static final String CLI = EvidenceCase.CLI;
    private static final String CONSOLE = "signin.amazonaws.com";
    private static final String IP = EvidenceCase.IP;

    static Stream<EvidenceCase> cases() {
        return Stream.of(
                // --- CloudTrail tampering ---
                new EvidenceCase("AWS CloudTrail Log Deleted",
                        record("cloudtrail.amazonaws.com", "DeleteTrail", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"name\":\"org-trail\"}"),
                        record("cloudtrail.amazonaws.com", "DeleteTrail", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"name\":\"org-trail\"},\"errorCode\":\"AccessDenied\","
                                        + "\"errorMessage\":\"not authorized\""),
                        "the call was denied"),
                new EvidenceCase("AWS CloudTrail Log Suspended",
                        record("cloudtrail.amazonaws.com", "StopLogging", ASSUMED_ROLE, IP, CLI,
                                "\"requestParameters\":{\"name\":\"arn:aws:cloudtrail:us-east-1:111122223333:trail/org\"}"),
                        record("cloudtrail.amazonaws.com", "StartLogging", ASSUMED_ROLE, IP, CLI,
                                "\"requestParameters\":{\"name\":\"arn:aws:cloudtrail:us-east-1:111122223333:trail/org\"}"),
                        "logging was started, not stopped"),
                new EvidenceCase("AWS CloudTrail Log Created",
                        record("cloudtrail.amazonaws.com", "CreateTrail", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"name\":\"shadow\",\"s3BucketName\":\"attacker-bucket\"}"),
                        record("cloudtrail.amazonaws.com", "DescribeTrails", IAM_USER, IP, CLI, ""),
                        "trails only listed"),
                new EvidenceCase("AWS CloudTrail Management Events Disabled via PutEventSelectors",
                        record("cloudtrail.amazonaws.com", "PutEventSelectors", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"trailName\":\"org\",\"eventSelectors\":[{\"readWriteType\":"
                                        + "\"All\",\"includeManagementEvents\":false}]}"),
                        record("cloudtrail.amazonaws.com", "PutEventSelectors", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"trailName\":\"org\",\"eventSelectors\":[{\"readWriteType\":"
                                        + "\"All\",\"includeManagementEvents\":true}]}"),
                        "management events stay on"),
                new EvidenceCase("AWS CloudTrail Log Evasion",
                        record("iam.amazonaws.com", "PutRolePolicy", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"omitted\":true,\"reason\":\"requestParameters too large\"}"),
                        record("iam.amazonaws.com", "PutRolePolicy", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"roleName\":\"app\",\"policyName\":\"p\"}"),
                        "parameters logged in full"),
                // --- IAM ---
                new EvidenceCase("AWS IAM Group Creation",
                        record("iam.amazonaws.com", "CreateGroup", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"groupName\":\"shadow-admins\"}"),
                        record("iam.amazonaws.com", "GetGroup", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"groupName\":\"admins\"}"),
                        "a read, not a creation"),
                new EvidenceCase("AWS IAM Group Deletion",
                        record("iam.amazonaws.com", "DeleteGroup", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"groupName\":\"auditors\"}"),
                        record("iam.amazonaws.com", "DeleteGroup", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"groupName\":\"auditors\"},\"errorCode\":\"DeleteConflict\","
                                        + "\"errorMessage\":\"Cannot delete entity, must remove users first.\""),
                        "the deletion failed"),
                new EvidenceCase("AWS IAM Login Profile Added to User",
                        record("iam.amazonaws.com", "CreateLoginProfile", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"userName\":\"svc-backup\",\"passwordResetRequired\":false}"),
                        record("iam.amazonaws.com", "GetLoginProfile", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"userName\":\"svc-backup\"}"),
                        "profile only read"),
                new EvidenceCase("AWS IAM Login Profile Created or Modified for an IAM User",
                        record("iam.amazonaws.com", "UpdateLoginProfile", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"userName\":\"bob\",\"passwordResetRequired\":false}"),
                        record("iam.amazonaws.com", "UpdateLoginProfile", TERRAFORM_ROLE, IP,
                                "APN/1.0 HashiCorp/1.0 Terraform/1.7.4 (+https://www.terraform.io)",
                                "\"requestParameters\":{\"userName\":\"bob\",\"passwordResetRequired\":true}"),
                        "infrastructure-as-code role, excluded by the rule"),
                new EvidenceCase("AWS IAM Login Profile Added for Root",
                        record("iam.amazonaws.com", "CreateLoginProfile", ROOT, IP, CLI,
                                "\"requestParameters\":{\"passwordResetRequired\":false}"),
                        record("iam.amazonaws.com", "CreateLoginProfile", ROOT, IP, CLI,
                                "\"requestParameters\":{\"userName\":\"bob\",\"passwordResetRequired\":false}"),
                        "root created a profile for an IAM user, not for itself"),
                new EvidenceCase("AWS IAM Deactivation of MFA Device",
                        record("iam.amazonaws.com", "DeactivateMFADevice", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"userName\":\"alice\",\"serialNumber\":"
                                        + "\"arn:aws:iam::111122223333:mfa/alice\"}"),
                        record("iam.amazonaws.com", "EnableMFADevice", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"userName\":\"alice\",\"serialNumber\":"
                                        + "\"arn:aws:iam::111122223333:mfa/alice\"}"),
                        "MFA enabled instead"),
                new EvidenceCase("AWS IAM AdministratorAccess Policy Attached to User",
                        record("iam.amazonaws.com", "AttachUserPolicy", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"userName\":\"bob\",\"policyArn\":"
                                        + "\"arn:aws:iam::aws:policy/AdministratorAccess\"}"),
                        record("iam.amazonaws.com", "AttachUserPolicy", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"userName\":\"bob\",\"policyArn\":"
                                        + "\"arn:aws:iam::aws:policy/ReadOnlyAccess\"}"),
                        "a read-only policy"),
                new EvidenceCase("AWS IAM AdministratorAccess Policy Attached to Role",
                        record("iam.amazonaws.com", "AttachRolePolicy", ASSUMED_ROLE, IP, CLI,
                                "\"requestParameters\":{\"roleName\":\"app\",\"policyArn\":"
                                        + "\"arn:aws:iam::aws:policy/AdministratorAccess\"}"),
                        record("iam.amazonaws.com", "AttachRolePolicy", ASSUMED_ROLE, IP, CLI,
                                "\"requestParameters\":{\"roleName\":\"app\",\"policyArn\":"
                                        + "\"arn:aws:iam::aws:policy/AdministratorAccess\"},\"errorCode\":\"AccessDenied\","
                                        + "\"errorMessage\":\"denied\""),
                        "denied"),
                new EvidenceCase("AWS IAM AdministratorAccess Policy Attached to Group",
                        record("iam.amazonaws.com", "AttachGroupPolicy", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"groupName\":\"devs\",\"policyArn\":"
                                        + "\"arn:aws:iam::aws:policy/AdministratorAccess\"}"),
                        record("iam.amazonaws.com", "AttachGroupPolicy", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"groupName\":\"devs\",\"policyArn\":"
                                        + "\"arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess\"}"),
                        "another managed policy"),
                new EvidenceCase("AWS IAM CompromisedKeyQuarantine Policy Attached to User",
                        record("iam.amazonaws.com", "AttachUserPolicy", AWS_SERVICE, "iam.amazonaws.com",
                                "iam.amazonaws.com", "\"requestParameters\":{\"userName\":\"alice\",\"policyArn\":"
                                        + "\"arn:aws:iam::aws:policy/AWSCompromisedKeyQuarantineV2\"}"),
                        record("iam.amazonaws.com", "AttachUserPolicy", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"userName\":\"alice\",\"policyArn\":"
                                        + "\"arn:aws:iam::aws:policy/IAMUserChangePassword\"}"),
                        "an ordinary policy"),
                new EvidenceCase("AWS IAM Customer-Managed Policy Attached to Role by Rare User",
                        record("iam.amazonaws.com", "AttachRolePolicy", ASSUMED_ROLE, IP, CLI,
                                "\"requestParameters\":{\"roleName\":\"app\",\"policyArn\":"
                                        + "\"arn:aws:iam::111122223333:policy/full-s3\"}"),
                        record("iam.amazonaws.com", "AttachRolePolicy", ASSUMED_ROLE, IP, CLI,
                                "\"requestParameters\":{\"roleName\":\"app\",\"policyArn\":"
                                        + "\"arn:aws:iam::aws:policy/ReadOnlyAccess\"}"),
                        "an AWS-managed policy (related.entity arn:aws:iam::aws:policy*)"),
                new EvidenceCase("AWS IAM Assume Role Policy Update",
                        record("iam.amazonaws.com", "UpdateAssumeRolePolicy", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"roleName\":\"Ops\",\"policyDocument\":\"{\\\"Statement\\\":[]}\"}"),
                        record("iam.amazonaws.com", "GetRole", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"roleName\":\"Ops\"}"),
                        "the trust policy only read"),
                new EvidenceCase("AWS IAM SAML Provider Updated",
                        record("iam.amazonaws.com", "UpdateSAMLProvider", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"sAMLProviderArn\":\"arn:aws:iam::111122223333:saml-provider/okta\"}"),
                        record("iam.amazonaws.com", "UpdateSAMLProvider", AWS_SERVICE, "sso.amazonaws.com",
                                "sso.amazonaws.com", "\"requestParameters\":{\"sAMLProviderArn\":"
                                        + "\"arn:aws:iam::111122223333:saml-provider/AWSSSO_x\"}"),
                        "IAM Identity Center rotating its own provider"),
                new EvidenceCase("AWS IAM Create User via Assumed Role on EC2 Instance",
                        record("iam.amazonaws.com", "CreateUser", EC2_INSTANCE_ROLE, "203.0.113.50", "Boto3/1.34.0",
                                "\"requestParameters\":{\"userName\":\"backdoor\"}"),
                        record("iam.amazonaws.com", "CreateUser", ASSUMED_ROLE, IP, CLI,
                                "\"requestParameters\":{\"userName\":\"carol\"}"),
                        "a person's role session, not an instance's"),
                new EvidenceCase("AWS IAM Account Password Policy Deleted",
                        record("iam.amazonaws.com", "DeleteAccountPasswordPolicy", IAM_USER, IP, CLI, ""),
                        record("iam.amazonaws.com", "DeleteAccountPasswordPolicy", ASSUMED_ROLE,
                                "cloudformation.amazonaws.com", "cloudformation.amazonaws.com", ""),
                        "CloudFormation deploying a stack"),
                new EvidenceCase("AWS IAM Permissions Boundary Modified or Removed",
                        record("iam.amazonaws.com", "DeleteRolePermissionsBoundary", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"roleName\":\"dev\"}"),
                        record("iam.amazonaws.com", "DeleteRolePermissionsBoundary", AWS_SERVICE,
                                "iam.amazonaws.com", "iam.amazonaws.com", "\"requestParameters\":{\"roleName\":\"dev\"}"),
                        "an AWS service actor"),
                new EvidenceCase("AWS IAM Sensitive Operations via Lambda Execution Role",
                        record("iam.amazonaws.com", "CreateAccessKey", ASSUMED_ROLE, "3.80.1.2",
                                "Boto3/1.34.0 md/Botocore#1.34.0 ua/2.0 os/linux exec-env/AWS_Lambda_python3.12",
                                "\"requestParameters\":{\"userName\":\"admin\"}"),
                        record("iam.amazonaws.com", "CreateAccessKey", ASSUMED_ROLE, IP, CLI,
                                "\"requestParameters\":{\"userName\":\"admin\"}"),
                        "called from a workstation, not from Lambda"),
                new EvidenceCase("AWS EC2 Instance Interaction with IAM Service",
                        record("iam.amazonaws.com", "AttachRolePolicy", EC2_INSTANCE_ROLE, "203.0.113.50",
                                "Boto3/1.34.0", "\"requestParameters\":{\"roleName\":\"WebServer\",\"policyArn\":"
                                        + "\"arn:aws:iam::aws:policy/AdministratorAccess\"}"),
                        record("iam.amazonaws.com", "GetRole", EC2_INSTANCE_ROLE, "203.0.113.50", "Boto3/1.34.0",
                                "\"requestParameters\":{\"roleName\":\"WebServer\"}"),
                        "a read by the instance"),
                new EvidenceCase("AWS IAM Virtual MFA Device Registration Attempt with Session Token",
                        record("iam.amazonaws.com", "CreateVirtualMFADevice", IAM_USER_TEMP_KEY, IP, CLI,
                                "\"requestParameters\":{\"virtualMFADeviceName\":\"attacker\"}"),
                        record("iam.amazonaws.com", "CreateVirtualMFADevice", IAM_USER_TEMP_KEY, IP, CONSOLE,
                                "\"requestParameters\":{\"virtualMFADeviceName\":\"alice\"},"
                                        + "\"sessionCredentialFromConsole\":\"true\""),
                        "the user's own console session"),
                // --- STS ---
                new EvidenceCase("AWS STS GetSessionToken Usage",
                        record("sts.amazonaws.com", "GetSessionToken", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"durationSeconds\":129600}"),
                        record("sts.amazonaws.com", "GetCallerIdentity", IAM_USER, IP, CLI, ""),
                        "identity check only"),
                new EvidenceCase("AWS STS GetFederationToken with AdministratorAccess in Request",
                        record("sts.amazonaws.com", "GetFederationToken", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"name\":\"persist\",\"policyArns\":[{\"arn\":"
                                        + "\"arn:aws:iam::aws:policy/AdministratorAccess\"}]}"),
                        record("sts.amazonaws.com", "GetFederationToken", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"name\":\"reader\",\"policyArns\":[{\"arn\":"
                                        + "\"arn:aws:iam::aws:policy/ReadOnlyAccess\"}]}"),
                        "a read-only federation token"),
                new EvidenceCase("AWS STS Role Assumption by User",
                        record("sts.amazonaws.com", "AssumeRole", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"roleArn\":\"arn:aws:iam::111122223333:role/Admin\","
                                        + "\"roleSessionName\":\"alice\"}"),
                        record("sts.amazonaws.com", "AssumeRole", ASSUMED_ROLE, IP, CLI,
                                "\"requestParameters\":{\"roleArn\":\"arn:aws:iam::111122223333:role/Admin\","
                                        + "\"roleSessionName\":\"bob\"}"),
                        "the caller is a role session, not an IAM user"),
                new EvidenceCase("AWS STS Role Chaining",
                        record("sts.amazonaws.com", "AssumeRole", ASSUMED_ROLE, IP, CLI,
                                "\"requestParameters\":{\"roleArn\":\"arn:aws:iam::444455556666:role/Admin\","
                                        + "\"roleSessionName\":\"bob\"}"),
                        record("sts.amazonaws.com", "AssumeRole", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"roleArn\":\"arn:aws:iam::444455556666:role/Admin\","
                                        + "\"roleSessionName\":\"alice\"}"),
                        "first hop from a user"),
                new EvidenceCase("AWS STS Role Assumption by Service",
                        record("sts.amazonaws.com", "AssumeRole", "{\"type\":\"AWSService\",\"invokedBy\":"
                                        + "\"lambda.amazonaws.com\"}", "lambda.amazonaws.com", "lambda.amazonaws.com",
                                "\"requestParameters\":{\"roleArn\":\"arn:aws:iam::111122223333:role/fn\","
                                        + "\"roleSessionName\":\"fn\"}"),
                        record("sts.amazonaws.com", "AssumeRole", "{\"type\":\"AWSService\",\"invokedBy\":"
                                        + "\"sso.amazonaws.com\"}", "sso.amazonaws.com", "sso.amazonaws.com",
                                "\"requestParameters\":{\"roleArn\":\"arn:aws:iam::111122223333:role/x\","
                                        + "\"roleSessionName\":\"x\"}"),
                        "a service outside the rule's list"),
                new EvidenceCase("AWS STS AssumeRole with New MFA Device",
                        record("sts.amazonaws.com", "AssumeRole", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"roleArn\":\"arn:aws:iam::111122223333:role/Admin\","
                                        + "\"roleSessionName\":\"alice\",\"serialNumber\":"
                                        + "\"arn:aws:iam::111122223333:mfa/alice-new\"}"),
                        record("sts.amazonaws.com", "AssumeRole", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"roleArn\":\"arn:aws:iam::111122223333:role/Admin\","
                                        + "\"roleSessionName\":\"alice\"}"),
                        "no MFA device in the request"),
                new EvidenceCase("AWS STS GetCallerIdentity API Called for the First Time",
                        record("sts.amazonaws.com", "GetCallerIdentity", IAM_USER, IP, CLI, ""),
                        record("sts.amazonaws.com", "GetCallerIdentity", ASSUMED_ROLE, IP, CLI, ""),
                        "role sessions are excluded"),
                // --- sign-in ---
                new EvidenceCase("AWS Management Console Root Login",
                        record("signin.amazonaws.com", "ConsoleLogin", ROOT, IP, "Mozilla/5.0",
                                "\"responseElements\":{\"ConsoleLogin\":\"Success\"},\"additionalEventData\":"
                                        + "{\"MFAUsed\":\"Yes\",\"LoginTo\":\"https://console.aws.amazon.com/\"}"),
                        record("signin.amazonaws.com", "ConsoleLogin", ROOT, IP, "Mozilla/5.0",
                                "\"responseElements\":{\"ConsoleLogin\":\"Failure\"},\"errorMessage\":"
                                        + "\"Failed authentication\""),
                        "a failed login"),
                new EvidenceCase("AWS IAM User Console Login Without MFA",
                        record("signin.amazonaws.com", "ConsoleLogin", IAM_USER, IP, "Mozilla/5.0",
                                "\"responseElements\":{\"ConsoleLogin\":\"Success\"},\"additionalEventData\":"
                                        + "{\"MFAUsed\":\"No\",\"MobileVersion\":\"No\"}"),
                        record("signin.amazonaws.com", "ConsoleLogin", IAM_USER, IP, "Mozilla/5.0",
                                "\"responseElements\":{\"ConsoleLogin\":\"Success\"},\"additionalEventData\":"
                                        + "{\"MFAUsed\":\"Yes\",\"MobileVersion\":\"No\"}"),
                        "MFA used"),
                new EvidenceCase("AWS Sign-In Root Password Recovery Requested",
                        record("signin.amazonaws.com", "PasswordRecoveryRequested", ROOT, IP, "Mozilla/5.0",
                                "\"responseElements\":{\"PasswordRecoveryRequested\":\"Success\"}"),
                        record("signin.amazonaws.com", "PasswordRecoveryRequested", ROOT, IP, "Mozilla/5.0",
                                "\"errorMessage\":\"Captcha failed\""),
                        "the request failed"),
                new EvidenceCase("AWS Sign-In Console Login with Federated User",
                        record("signin.amazonaws.com", "ConsoleLogin", "{\"type\":\"FederatedUser\",\"principalId\":"
                                        + "\"111122223333:mallory\",\"arn\":\"arn:aws:sts::111122223333:federated-user/mallory\","
                                        + "\"accountId\":\"111122223333\"}", IP, "Mozilla/5.0",
                                "\"responseElements\":{\"ConsoleLogin\":\"Success\"}"),
                        record("signin.amazonaws.com", "ConsoleLogin", IAM_USER, IP, "Mozilla/5.0",
                                "\"responseElements\":{\"ConsoleLogin\":\"Success\"}"),
                        "an IAM user's own login"),
                new EvidenceCase("AWS Sign-In Token Created",
                        record("signin.amazonaws.com", "GetSigninToken", ASSUMED_ROLE, IP, "python-requests/2.31",
                                "\"responseElements\":{\"credentials\":\"HIDDEN_DUE_TO_SECURITY_REASONS\"}"),
                        record("signin.amazonaws.com", "GetSigninToken", ASSUMED_ROLE, IP, "python-requests/2.31",
                                "\"errorCode\":\"AccessDenied\""),
                        "token refused"),
                // --- EQL on request_parameters text ---
                new EvidenceCase("AWS S3 Bucket Server Access Logging Disabled",
                        record("s3.amazonaws.com", "PutBucketLogging", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"bucketName\":\"logs\",\"BucketLoggingStatus\":{\"xmlns\":"
                                        + "\"http://s3.amazonaws.com/doc/2006-03-01/\"},\"logging\":\"\"}"),
                        record("s3.amazonaws.com", "PutBucketLogging", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"bucketName\":\"logs\",\"BucketLoggingStatus\":{\"LoggingEnabled\":"
                                        + "{\"TargetBucket\":\"audit\",\"TargetPrefix\":\"s3/\"}},\"logging\":\"\"}"),
                        "logging configured, not removed"),
                new EvidenceCase("AWS S3 Bucket Policy Added to Allow Public Access",
                        record("s3.amazonaws.com", "PutBucketPolicy", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"bucketName\":\"data\",\"bucketPolicy\":{\"Statement\":[{\"Effect\":"
                                        + "\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":"
                                        + "\"arn:aws:s3:::data/*\"}]}}"),
                        record("s3.amazonaws.com", "PutBucketPolicy", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"bucketName\":\"data\",\"bucketPolicy\":{\"Statement\":[{\"Effect\":"
                                        + "\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:root\"},\"Action\":"
                                        + "\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::data/*\"}]}}"),
                        "the principal is the own account"),
                new EvidenceCase("AWS S3 Bucket Policy Added to Share with External Account",
                        record("s3.amazonaws.com", "PutBucketPolicy", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"bucketName\":\"data\",\"bucketPolicy\":{\"Statement\":[{\"Effect\":"
                                        + "\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::999988887777:root\"},\"Action\":"
                                        + "\"s3:GetObject\"}]}}"),
                        record("s3.amazonaws.com", "PutBucketPolicy", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"bucketName\":\"data\",\"bucketPolicy\":{\"Statement\":[{\"Effect\":"
                                        + "\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:role/app\"},\"Action\":"
                                        + "\"s3:GetObject\"}]}}"),
                        "the principal is in the recipient account (field-to-field stringContains)"),
                new EvidenceCase("AWS Lambda Function Policy Updated to Allow Public Invocation",
                        record("lambda.amazonaws.com", "AddPermission20150331v2", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"functionName\":\"billing\",\"statementId\":\"pub\",\"action\":"
                                        + "\"lambda:InvokeFunction\",\"principal\":\"*\"}"),
                        record("lambda.amazonaws.com", "AddPermission20150331v2", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"functionName\":\"billing\",\"statementId\":\"s3\",\"action\":"
                                        + "\"lambda:InvokeFunction\",\"principal\":\"s3.amazonaws.com\"}"),
                        "a service principal"),
                new EvidenceCase("AWS RDS DB Instance or Cluster Deletion Protection Disabled",
                        record("rds.amazonaws.com", "ModifyDBInstance", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"dBInstanceIdentifier\":\"prod\",\"deletionProtection\":false,"
                                        + "\"applyImmediately\":true}"),
                        record("rds.amazonaws.com", "ModifyDBInstance", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"dBInstanceIdentifier\":\"prod\",\"deletionProtection\":true}"),
                        "protection turned on"),
                // --- KQL on flattened fields ---
                new EvidenceCase("Insecure AWS EC2 VPC Security Group Ingress Rule Added",
                        record("ec2.amazonaws.com", "AuthorizeSecurityGroupIngress", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"groupId\":\"sg-0123\",\"ipPermissions\":{\"items\":[{\"ipProtocol\":"
                                        + "\"tcp\",\"fromPort\":22,\"toPort\":22,\"ipRanges\":{\"items\":[{\"cidrIp\":"
                                        + "\"0.0.0.0/0\"}]}}]}}"),
                        record("ec2.amazonaws.com", "AuthorizeSecurityGroupIngress", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"groupId\":\"sg-0123\",\"ipPermissions\":{\"items\":[{\"ipProtocol\":"
                                        + "\"tcp\",\"fromPort\":443,\"toPort\":443,\"ipRanges\":{\"items\":[{\"cidrIp\":"
                                        + "\"0.0.0.0/0\"}]}}]}}"),
                        "HTTPS open to the world is not remote administration"),
                new EvidenceCase("AWS S3 Credential File Retrieved from Bucket",
                        record("s3.amazonaws.com", "GetObject", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"bucketName\":\"backups\",\"key\":\"home/alice/.aws/credentials\"}"),
                        record("s3.amazonaws.com", "GetObject", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"bucketName\":\"backups\",\"key\":\"home/alice/report.pdf\"}"),
                        "an ordinary object"),
                new EvidenceCase("AWS Systems Manager SecureString Parameter Request with Decryption Flag",
                        record("ssm.amazonaws.com", "GetParameter", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"name\":\"/prod/db/password\",\"withDecryption\":true}"),
                        record("ssm.amazonaws.com", "GetParameter", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"name\":\"/prod/db/host\",\"withDecryption\":false}"),
                        "no decryption"),
                new EvidenceCase("AWS EC2 Deprecated AMI Discovery",
                        record("ec2.amazonaws.com", "DescribeImages", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"includeDeprecated\":true,\"executableBySet\":{\"items\":"
                                        + "[{\"executableBy\":\"all\"}]}}"),
                        record("ec2.amazonaws.com", "DescribeImages", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"executableBySet\":{\"items\":[{\"executableBy\":\"self\"}]}}"),
                        "current images only"),
                new EvidenceCase("AWS GuardDuty Detection Suppression",
                        record("guardduty.amazonaws.com", "UpdateDetector", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"detectorId\":\"d1\",\"enable\":false}"),
                        record("guardduty.amazonaws.com", "UpdateDetector", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"detectorId\":\"d1\",\"enable\":true}"),
                        "detector kept enabled"),
                new EvidenceCase("AWS EKS Control Plane Logging Disabled",
                        record("eks.amazonaws.com", "UpdateClusterConfig", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"name\":\"prod\",\"logging\":{\"clusterLogging\":[{\"types\":"
                                        + "[\"audit\"],\"enabled\":false}]}}"),
                        record("eks.amazonaws.com", "UpdateClusterConfig", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"name\":\"prod\",\"logging\":{\"clusterLogging\":[{\"types\":"
                                        + "[\"audit\"],\"enabled\":true}]}}"),
                        "logging turned on"),
                new EvidenceCase("AWS API Activity from Uncommon S3 Client by Rare User",
                        record("s3.amazonaws.com", "ListBuckets", IAM_USER, IP, "S3 Browser/11.5.7 https://s3browser.com",
                                ""),
                        record("s3.amazonaws.com", "ListBuckets", IAM_USER, IP, CLI, ""),
                        "the AWS CLI"),
                new EvidenceCase("AWS Suspicious User Agent Fingerprint",
                        record("sts.amazonaws.com", "GetCallerIdentity", IAM_USER, IP,
                                "aws-cli/2.9.19 Python/3.11.2 Linux/6.5.0-kali3-amd64 exe/x86_64.kali.2023 md/distrib#kali.2023",
                                ""),
                        record("sts.amazonaws.com", "GetCallerIdentity", IAM_USER, IP, CLI, ""),
                        "an ordinary CLI"),
                new EvidenceCase("AWS Attempt to Leave Organization",
                        record("organizations.amazonaws.com", "LeaveOrganization", ROOT, IP, CLI, ""),
                        record("organizations.amazonaws.com", "DescribeOrganization", ROOT, IP, CLI, ""),
                        "a read"),
                new EvidenceCase("AWS GuardDuty Detector Deletion",
                        record("guardduty.amazonaws.com", "DeleteDetector", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"detectorId\":\"d1\"}"),
                        record("guardduty.amazonaws.com", "GetDetector", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"detectorId\":\"d1\"}"),
                        "a read"),
                new EvidenceCase("AWS Config Resource Deletion",
                        record("config.amazonaws.com", "DeleteConfigRule", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"configRuleName\":\"s3-public\"}"),
                        record("config.amazonaws.com", "DeleteConfigRule", "{\"type\":\"AWSService\",\"invokedBy\":"
                                        + "\"securityhub.amazonaws.com\"}", "securityhub.amazonaws.com",
                                "securityhub.amazonaws.com", "\"requestParameters\":{\"configRuleName\":\"sh-rule\"}"),
                        "Security Hub managing its own rules"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void ruleMatchesItsAttackAndNotTheNearestBenignEvent(EvidenceCase c) {
        c.check();
    }
}
