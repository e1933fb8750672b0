package io.trailhound.core.rules.elastic;

import static io.trailhound.core.rules.elastic.CloudTrailRecords.ASSUMED_ROLE;
import static io.trailhound.core.rules.elastic.CloudTrailRecords.AWS_SERVICE;
import static io.trailhound.core.rules.elastic.CloudTrailRecords.EC2_INSTANCE_ROLE;
import static io.trailhound.core.rules.elastic.CloudTrailRecords.IAM_USER;
import static io.trailhound.core.rules.elastic.CloudTrailRecords.IAM_USER_TEMP_KEY;
import static io.trailhound.core.rules.elastic.CloudTrailRecords.ROOT;
import static io.trailhound.core.rules.elastic.CloudTrailRecords.TERRAFORM_ROLE;
import static io.trailhound.core.rules.elastic.CloudTrailRecords.record;
import static io.trailhound.core.rules.elastic.EvidenceCase.CLI;
import static io.trailhound.core.rules.elastic.EvidenceCase.IP;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.rules.ir.CompiledRule;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hit/miss events for peer rules on Bedrock, Lambda, RDS, EC2 networking, Route 53, EKS, KMS,
 * SNS and the like, written by hand from each rule's description and the API's CloudTrail record;
 * and the rules that cannot fire without a GeoIP ASN database.
 */
class PeerRuleEvidenceCloudOpsTest {
    private static final String AGENTCORE_ROLE = """
            {"type":"AssumedRole","principalId":"AROA2EXAMPLEAGC:sess","arn":
             "arn:aws:sts::111122223333:assumed-role/AgentCore-runtime/sess","accountId":"111122223333",
             "accessKeyId":"ASIA2EXAMPLEAGC00001","sessionContext":{"sessionIssuer":{"type":"Role",
             "principalId":"AROA2EXAMPLEAGC","arn":"arn:aws:iam::111122223333:role/AgentCore-runtime",
             "accountId":"111122223333","userName":"AgentCore-runtime"}}}""";
    private static final String BEDROCK_KEY_USER = """
            {"type":"IAMUser","principalId":"AIDA2EXAMPLEBRK","arn":"arn:aws:iam::111122223333:user/BedrockAPIKey-x1y2",
             "accountId":"111122223333","accessKeyId":"AKIA2EXAMPLEBRK00001","userName":"BedrockAPIKey-x1y2"}""";

    static Stream<EvidenceCase> cases() {
        return Stream.of(
                new EvidenceCase("AWS Bedrock Guardrail Deleted or Weakened",
                        record("bedrock.amazonaws.com", "DeleteGuardrail", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"guardrailIdentifier\":\"gr-1\"}"),
                        record("bedrock.amazonaws.com", "GetGuardrail", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"guardrailIdentifier\":\"gr-1\"}"),
                        "a read"),
                new EvidenceCase("AWS Bedrock Model Invocation Logging Disabled or Modified",
                        record("bedrock.amazonaws.com", "DeleteModelInvocationLoggingConfiguration", IAM_USER, IP, CLI, ""),
                        record("bedrock.amazonaws.com", "GetModelInvocationLoggingConfiguration", IAM_USER, IP, CLI, ""),
                        "a read"),
                new EvidenceCase("AWS Bedrock Agent Created by IAM User or Root",
                        record("bedrock.amazonaws.com", "CreateAgent", ROOT, IP, CLI,
                                "\"requestParameters\":{\"agentName\":\"helper\"}"),
                        record("bedrock.amazonaws.com", "CreateAgent", ASSUMED_ROLE, IP, CLI,
                                "\"requestParameters\":{\"agentName\":\"helper\"}"),
                        "a federated role session, the normal path"),
                new EvidenceCase("AWS Bedrock Unauthorized Foundation Model Access Attempt",
                        record("bedrock.amazonaws.com", "PutFoundationModelEntitlement", IAM_USER, IP, CLI,
                                "\"errorCode\":\"AccessDeniedException\",\"errorMessage\":\"not authorized\""),
                        record("bedrock.amazonaws.com", "PutFoundationModelEntitlement", IAM_USER, IP, CLI, ""),
                        "the call succeeded (another rule's case)"),
                new EvidenceCase("AWS Bedrock Foundation Model Access Enabled or Entitlement Granted",
                        record("bedrock.amazonaws.com", "PutUseCaseForModelAccess", IAM_USER, IP, CLI, ""),
                        record("bedrock.amazonaws.com", "PutUseCaseForModelAccess", IAM_USER, IP, CLI,
                                "\"errorCode\":\"AccessDenied\""),
                        "access refused"),
                new EvidenceCase("AWS Bedrock Resource-Based Policy Modified or Deleted",
                        record("bedrock.amazonaws.com", "PutResourcePolicy", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"resourceArn\":\"arn:aws:bedrock:us-east-1:111122223333:agent/A1\"}"),
                        record("bedrock.amazonaws.com", "GetResourcePolicy", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"resourceArn\":\"arn:aws:bedrock:us-east-1:111122223333:agent/A1\"}"),
                        "a read"),
                new EvidenceCase("AWS Bedrock AgentCore Execution Role Used Outside Its Runtime",
                        record("s3.amazonaws.com", "ListBuckets", AGENTCORE_ROLE, "203.0.113.66", CLI, ""),
                        record("bedrock-agentcore.amazonaws.com", "InvokeAgentRuntime", AGENTCORE_ROLE,
                                "bedrock-agentcore.amazonaws.com", "bedrock-agentcore.amazonaws.com", ""),
                        "the role used by its own runtime"),
                new EvidenceCase("AWS Bedrock API Key Phantom User Activity Outside Bedrock",
                        record("iam.amazonaws.com", "ListUsers", BEDROCK_KEY_USER, "203.0.113.66", CLI, ""),
                        record("bedrock.amazonaws.com", "InvokeModel", BEDROCK_KEY_USER, "203.0.113.66", CLI,
                                "\"requestParameters\":{\"modelId\":\"anthropic.claude-3-haiku\"}"),
                        "the key used for Bedrock, its purpose"),
                new EvidenceCase("AWS RDS DB Instance Restored",
                        record("rds.amazonaws.com", "RestoreDBInstanceFromDBSnapshot", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"dBInstanceIdentifier\":\"copy\",\"dBSnapshotIdentifier\":\"nightly\"}"),
                        record("rds.amazonaws.com", "DescribeDBSnapshots", IAM_USER, IP, CLI, ""),
                        "a read"),
                new EvidenceCase("AWS RDS DB Instance or Cluster Password Modified",
                        record("rds.amazonaws.com", "ModifyDBInstance", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"dBInstanceIdentifier\":\"prod\",\"masterUserPassword\":"
                                        + "\"HIDDEN_DUE_TO_SECURITY_REASONS\",\"applyImmediately\":true}"),
                        record("rds.amazonaws.com", "ModifyDBInstance", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"dBInstanceIdentifier\":\"prod\",\"allocatedStorage\":200}"),
                        "storage resized"),
                new EvidenceCase("AWS RDS DB Instance Made Public",
                        record("rds.amazonaws.com", "CreateDBInstance", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"dBInstanceIdentifier\":\"x\",\"publiclyAccessible\":true}"),
                        record("rds.amazonaws.com", "CreateDBInstance", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"dBInstanceIdentifier\":\"x\",\"publiclyAccessible\":false}"),
                        "private instance"),
                new EvidenceCase("AWS RDS Snapshot Deleted",
                        record("rds.amazonaws.com", "ModifyDBInstance", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"dBInstanceIdentifier\":\"prod\",\"backupRetentionPeriod\":0}"),
                        record("rds.amazonaws.com", "DeleteDBSnapshot", AWS_SERVICE, "backup.amazonaws.com",
                                "backup.amazonaws.com", "\"requestParameters\":{\"dBSnapshotIdentifier\":\"awsbackup:job-1\"}"),
                        "AWS Backup expiring its own snapshot"),
                new EvidenceCase("AWS RDS DB Snapshot Created",
                        record("rds.amazonaws.com", "CreateDBSnapshot", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"dBInstanceIdentifier\":\"prod\",\"dBSnapshotIdentifier\":\"grab\"}"),
                        record("rds.amazonaws.com", "CreateDBSnapshot", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"dBInstanceIdentifier\":\"prod\"},\"errorCode\":\"AccessDenied\""),
                        "refused"),
                new EvidenceCase("AWS Lambda Function Policy Updated to Allow Cross-Account Invocation",
                        record("lambda.amazonaws.com", "AddPermission20150331v2", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"functionName\":\"billing\",\"statementId\":\"x\",\"action\":"
                                        + "\"lambda:InvokeFunction\",\"principal\":\"999988887777\"}"),
                        record("lambda.amazonaws.com", "AddPermission20150331v2", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"functionName\":\"billing\",\"statementId\":\"x\",\"action\":"
                                        + "\"lambda:InvokeFunction\",\"principal\":\"events.amazonaws.com\"}"),
                        "an AWS service principal"),
                new EvidenceCase("AWS Lambda Function URL Created with Public Access",
                        record("lambda.amazonaws.com", "CreateFunctionUrlConfig20211031", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"functionName\":\"billing\",\"authType\":\"NONE\"}"),
                        record("lambda.amazonaws.com", "CreateFunctionUrlConfig20211031", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"functionName\":\"billing\",\"authType\":\"AWS_IAM\"}"),
                        "IAM-authenticated URL"),
                new EvidenceCase("AWS Lambda Event Source Mapping Creation",
                        record("lambda.amazonaws.com", "CreateEventSourceMapping20150331", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"functionName\":\"billing\",\"eventSourceArn\":"
                                        + "\"arn:aws:sqs:us-east-1:111122223333:orders\"}"),
                        record("lambda.amazonaws.com", "ListEventSourceMappings20150331", IAM_USER, IP, CLI, ""),
                        "a read"),
                new EvidenceCase("AWS Lambda Function Created or Updated",
                        record("lambda.amazonaws.com", "UpdateFunctionCode20150331v2", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"functionName\":\"billing\"}"),
                        record("lambda.amazonaws.com", "UpdateFunctionCode20150331v2", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"functionName\":\"billing\"},\"errorCode\":\"AccessDeniedException\""),
                        "refused"),
                new EvidenceCase("AWS EC2 Network Access Control List Creation",
                        record("ec2.amazonaws.com", "CreateNetworkAcl", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"vpcId\":\"vpc-1\"}"),
                        record("ec2.amazonaws.com", "DeleteNetworkAcl", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"networkAclId\":\"acl-1\"}"),
                        "a deletion (another rule's case)"),
                new EvidenceCase("AWS EC2 Route Table Modified or Deleted",
                        record("ec2.amazonaws.com", "ReplaceRoute", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"routeTableId\":\"rtb-1\",\"destinationCidrBlock\":\"0.0.0.0/0\","
                                        + "\"instanceId\":\"i-0abc\"}"),
                        record("ec2.amazonaws.com", "DescribeRouteTables", IAM_USER, IP, CLI, ""),
                        "a read"),
                new EvidenceCase("AWS EC2 Route Table Created",
                        record("ec2.amazonaws.com", "CreateRoute", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"routeTableId\":\"rtb-1\",\"destinationCidrBlock\":\"10.9.0.0/16\","
                                        + "\"gatewayId\":\"igw-1\"}"),
                        record("ec2.amazonaws.com", "DeleteRoute", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"routeTableId\":\"rtb-1\",\"destinationCidrBlock\":\"10.9.0.0/16\"}"),
                        "a deletion"),
                new EvidenceCase("AWS EC2 Security Group Configuration Change",
                        record("ec2.amazonaws.com", "ModifyInstanceAttribute", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"instanceId\":\"i-0abc\",\"groupSet\":{\"items\":[{\"groupId\":\"sg-9\"}]}}"),
                        record("ec2.amazonaws.com", "ModifyInstanceAttribute", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"instanceId\":\"i-0abc\",\"instanceType\":{\"value\":\"m5.large\"}}"),
                        "instance type change, no security groups"),
                new EvidenceCase("AWS EC2 Instance Profile Associated with Running Instance",
                        record("ec2.amazonaws.com", "AssociateIamInstanceProfile", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"AssociateIamInstanceProfileRequest\":{\"InstanceId\":\"i-0abc\"}}"),
                        record("ec2.amazonaws.com", "AssociateIamInstanceProfile",
                                "{\"type\":\"AWSService\",\"invokedBy\":\"ssm.amazonaws.com\"}", "ssm.amazonaws.com",
                                "ssm.amazonaws.com", "\"requestParameters\":{\"AssociateIamInstanceProfileRequest\":"
                                        + "{\"InstanceId\":\"i-0abc\"}}"),
                        "Systems Manager's default host management"),
                new EvidenceCase("AWS EC2 Instance Console Login via Assumed Role",
                        record("signin.amazonaws.com", "GetSigninToken", EC2_INSTANCE_ROLE, "203.0.113.50",
                                "python-requests/2.31", "\"responseElements\":{\"credentials\":\"HIDDEN\"}"),
                        record("signin.amazonaws.com", "GetSigninToken", ASSUMED_ROLE, IP, "python-requests/2.31",
                                "\"responseElements\":{\"credentials\":\"HIDDEN\"}"),
                        "a person's role session"),
                new EvidenceCase("AWS EC2 Instance Connect SSH Public Key Uploaded",
                        record("ec2-instance-connect.amazonaws.com", "SendSSHPublicKey", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"instanceId\":\"i-0abc\",\"instanceOSUser\":\"ec2-user\"}"),
                        record("ec2-instance-connect.amazonaws.com", "SendSSHPublicKey", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"instanceId\":\"i-0abc\"},\"errorCode\":\"AccessDenied\""),
                        "refused"),
                new EvidenceCase("AWS EKS Access Entry Modified",
                        record("eks.amazonaws.com", "CreateAccessEntry", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"name\":\"prod\",\"principalArn\":\"arn:aws:iam::999988887777:role/x\"}"),
                        record("eks.amazonaws.com", "CreateAccessEntry", TERRAFORM_ROLE, IP, CLI,
                                "\"requestParameters\":{\"name\":\"prod\",\"principalArn\":\"arn:aws:iam::111122223333:role/y\"}"),
                        "infrastructure-as-code"),
                new EvidenceCase("AWS EKS Access Entry Granted Cluster Admin Policy",
                        record("eks.amazonaws.com", "AssociateAccessPolicy", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"name\":\"prod\",\"policyArn\":"
                                        + "\"arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy\"}"),
                        record("eks.amazonaws.com", "AssociateAccessPolicy", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"name\":\"prod\",\"policyArn\":"
                                        + "\"arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy\"}"),
                        "a view policy"),
                new EvidenceCase("AWS IAM API Calls via Temporary Session Tokens",
                        record("iam.amazonaws.com", "ListUsers", IAM_USER_TEMP_KEY, IP, CLI, ""),
                        record("iam.amazonaws.com", "ListUsers", IAM_USER, IP, CLI, ""),
                        "the user's long-term key"),
                new EvidenceCase("AWS IAM OIDC Provider Created by Rare User",
                        record("iam.amazonaws.com", "CreateOpenIDConnectProvider", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"url\":\"https://token.actions.githubusercontent.com\"}"),
                        record("iam.amazonaws.com", "ListOpenIDConnectProviders", IAM_USER, IP, CLI, ""),
                        "a read"),
                new EvidenceCase("AWS IAM Roles Anywhere Trust Anchor Created with External CA",
                        record("rolesanywhere.amazonaws.com", "CreateTrustAnchor", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"name\":\"ext\",\"source\":{\"sourceType\":\"CERTIFICATE_BUNDLE\","
                                        + "\"sourceData\":{\"x509CertificateData\":\"MIIB\"}},\"enabled\":true}"),
                        record("rolesanywhere.amazonaws.com", "CreateTrustAnchor", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"name\":\"pca\",\"source\":{\"sourceType\":\"AWS_ACM_PCA\","
                                        + "\"sourceData\":{\"acmPcaArn\":\"arn:aws:acm-pca:us-east-1:111122223333:"
                                        + "certificate-authority/1\"}},\"enabled\":true}"),
                        "the organisation's own private CA"),
                new EvidenceCase("AWS IAM SAML Provider Created",
                        record("iam.amazonaws.com", "CreateSAMLProvider", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"name\":\"evil-idp\"}"),
                        record("iam.amazonaws.com", "ListSAMLProviders", IAM_USER, IP, CLI, ""),
                        "a read"),
                new EvidenceCase("AWS Sensitive IAM Operations Performed via CloudShell",
                        record("iam.amazonaws.com", "CreateAccessKey", IAM_USER, "203.0.113.70",
                                "aws-cli/2.15.30 Python/3.11.8 Linux/4.14 exec-env/CloudShell exe/x86_64",
                                "\"requestParameters\":{\"userName\":\"alice\"}"),
                        record("iam.amazonaws.com", "CreateAccessKey", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"userName\":\"alice\"}"),
                        "from a workstation"),
                new EvidenceCase("AWS IAM Customer Managed Policy Version Created or Default Version Set",
                        record("iam.amazonaws.com", "CreatePolicyVersion", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"policyArn\":\"arn:aws:iam::111122223333:policy/app\","
                                        + "\"setAsDefault\":true}"),
                        record("iam.amazonaws.com", "CreatePolicyVersion", "{\"type\":\"IAMUser\",\"principalId\":"
                                        + "\"AIDA2EXAMPLETF\",\"arn\":\"arn:aws:iam::111122223333:user/terraform\","
                                        + "\"accountId\":\"111122223333\",\"userName\":\"terraform\"}", IP, CLI,
                                "\"requestParameters\":{\"policyArn\":\"arn:aws:iam::111122223333:policy/app\"}"),
                        "the terraform user (arn*/terraform is excluded)"),
                new EvidenceCase("AWS IAM Inline Policy Added to a Group",
                        record("iam.amazonaws.com", "PutGroupPolicy", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"groupName\":\"devs\",\"policyName\":\"all\"}"),
                        record("iam.amazonaws.com", "PutGroupPolicy", IAM_USER, IP,
                                "APN/1.0 HashiCorp/1.0 Terraform/1.7.4 terraform-provider-aws/5.40",
                                "\"requestParameters\":{\"groupName\":\"devs\",\"policyName\":\"all\"}"),
                        "terraform"),
                new EvidenceCase("AWS KMS Key Policy Updated via PutKeyPolicy",
                        record("kms.amazonaws.com", "PutKeyPolicy", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"keyId\":\"k1\",\"policyName\":\"default\"}"),
                        record("kms.amazonaws.com", "PutKeyPolicy", AWS_SERVICE, "kms.amazonaws.com",
                                "kms.amazonaws.com", "\"requestParameters\":{\"keyId\":\"k1\",\"policyName\":\"default\"}"),
                        "an AWS service actor"),
                new EvidenceCase("AWS KMS Imported Key Material Deleted",
                        record("kms.amazonaws.com", "DeleteImportedKeyMaterial", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"keyId\":\"k1\"}"),
                        record("kms.amazonaws.com", "ImportKeyMaterial", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"keyId\":\"k1\"}"),
                        "material imported"),
                new EvidenceCase("AWS Route 53 Domain Transfer Lock Disabled",
                        record("route53domains.amazonaws.com", "DisableDomainTransferLock", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"domainName\":\"example.com\"}"),
                        record("route53domains.amazonaws.com", "EnableDomainTransferLock", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"domainName\":\"example.com\"}"),
                        "lock enabled"),
                new EvidenceCase("AWS Route 53 Domain Transferred to Another Account",
                        record("route53domains.amazonaws.com", "TransferDomainToAnotherAwsAccount", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"domainName\":\"example.com\",\"accountId\":\"999988887777\"}"),
                        record("route53domains.amazonaws.com", "GetDomainDetail", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"domainName\":\"example.com\"}"),
                        "a read"),
                new EvidenceCase("AWS Route 53 Private Hosted Zone Associated With a VPC",
                        record("route53.amazonaws.com", "AssociateVPCWithHostedZone", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"hostedZoneId\":\"Z1\",\"vPC\":{\"vPCId\":\"vpc-1\"}}"),
                        record("route53.amazonaws.com", "DisassociateVPCFromHostedZone", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"hostedZoneId\":\"Z1\",\"vPC\":{\"vPCId\":\"vpc-1\"}}"),
                        "disassociated"),
                new EvidenceCase("AWS SNS Topic Created by Rare User",
                        record("sns.amazonaws.com", "CreateTopic", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"name\":\"exfil\"}"),
                        record("sns.amazonaws.com", "ListTopics", IAM_USER, IP, CLI, ""),
                        "a read"),
                new EvidenceCase("Excessive AWS S3 Object Encryption with SSE-C",
                        record("s3.amazonaws.com", "PutObject", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"bucketName\":\"data\",\"key\":\"a\","
                                        + "\"x-amz-server-side-encryption-customer-algorithm\":\"AES256\"}"),
                        record("s3.amazonaws.com", "PutObject", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"bucketName\":\"data\",\"key\":\"a\","
                                        + "\"x-amz-server-side-encryption\":\"aws:kms\"}"),
                        "SSE-KMS, the account's own key"),
                new EvidenceCase("AWS EventBridge Rule Disabled or Deleted",
                        record("events.amazonaws.com", "DisableRule", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"name\":\"guardduty-to-slack\"}"),
                        record("events.amazonaws.com", "EnableRule", IAM_USER, IP, CLI,
                                "\"requestParameters\":{\"name\":\"guardduty-to-slack\"}"),
                        "rule enabled"),
                new EvidenceCase("AWS Account Closed",
                        record("organizations.amazonaws.com", "CloseAccount", ROOT, IP, CLI,
                                "\"requestParameters\":{\"accountId\":\"444455556666\"}"),
                        record("organizations.amazonaws.com", "CloseAccount", ROOT, IP, CLI,
                                "\"requestParameters\":{\"accountId\":\"444455556666\"},\"errorCode\":"
                                        + "\"ConstraintViolationException\""),
                        "refused"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void ruleMatchesItsAttackAndNotTheNearestBenignEvent(EvidenceCase c) {
        c.check();
    }

    /**
     * These rules require a {@code source.as.*} value ({@code field:(* and not …)}), which only a
     * GeoIP ASN database gives: without one they load, say so, and never match, as in an Elastic
     * cluster without the GeoIP processor.
     */
    @Test
    void rulesRequiringAnAsnCannotFireWithoutTheDatabaseAndSaySo() {
        CloudTrailEvent getCallerFromInstance = record("sts.amazonaws.com", "GetCallerIdentity", EC2_INSTANCE_ROLE,
                "203.0.113.50", CLI, "");
        for (String name : List.of("AWS EC2 Role GetCallerIdentity from New Source AS Organization",
                "AWS AssumeRoleWithWebIdentity from Kubernetes SA and External ASN",
                "AWS Discovery API Calls from VPN ASN for the First Time by Identity",
                "AWS Lambda Function Invoked from an Unusual Source ASN",
                "AWS EC2 CreateKeyPair by New Principal from Non-Cloud AS Organization")) {
            CompiledRule rule = PeerRules.byName(name);
            assertThat(rule.info().enabled()).as(name).isTrue();
            assertThat(rule.info().needs()).as(name).anyMatch(n -> n.contains("--geoip-asn"));
        }
        assertThat(PeerRules.byName("AWS EC2 Role GetCallerIdentity from New Source AS Organization").condition()
                .test(getCallerFromInstance)).isFalse();
    }
}
