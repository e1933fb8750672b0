package io.trailhound.core.output;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.trailhound.core.Severity;
import io.trailhound.core.alert.Alert;
import io.trailhound.core.alert.AlertEvent;
import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.identity.Attribution;
import io.trailhound.core.identity.Confidence;
import io.trailhound.core.identity.Hop;
import io.trailhound.core.identity.Origin;
import io.trailhound.core.rules.ir.RuleFormat;
import io.trailhound.core.rules.ir.RuleInfo;
import io.trailhound.core.rules.ir.Threat;
import io.trailhound.core.testkit.CloudTrailRecord;
import io.trailhound.core.testkit.Identities;
import java.util.List;
import java.util.Map;

/** The events, origins and alerts the output tests write: every identity shape and origin outcome. */
final class OutputSamples {
    static final String ACCOUNT = CloudTrailRecord.ACCOUNT;
    static final String KEY = "ASIAEXAMPLEKEY000001";
    static final String ALICE = Identities.userArn(ACCOUNT, "alice");

    private OutputSamples() {
    }

    /** An assumed-role session's call with its request and response, a failed call, a service's call, root, an IAM user. */
    static List<CloudTrailEvent> events() {
        return List.of(
                CloudTrailRecord.event("PutBucketPolicy").source("s3.amazonaws.com").id(CloudTrailRecord.uuid(1))
                        .assumedRole("Admin", "alice", KEY, "2026-11-01T08:55:00Z").request("bucketName", "prod-data")
                        .set("/resources", JsonNodeFactory.instance.arrayNode().add(JsonNodeFactory.instance.objectNode()
                                .put("ARN", "arn:aws:s3:::prod-data").put("accountId", ACCOUNT).put("type", "AWS::S3::Bucket")))
                        .set("/requestID", "REQ-1").set("/apiVersion", "2006-03-01").decoded(),
                CloudTrailRecord.event("DeleteTrail").source("cloudtrail.amazonaws.com").id(CloudTrailRecord.uuid(2))
                        .iamUser("bob", "AKIAEXAMPLEKEY000002").error("AccessDenied", "not allowed").ip("2001:db8::1")
                        .decoded(),
                CloudTrailRecord.event("AssumeRole").source("sts.amazonaws.com").id(CloudTrailRecord.uuid(3))
                        .by(Identities.of("AWSService").put("invokedBy", "ec2.amazonaws.com")).ip("ec2.amazonaws.com")
                        .set("/sharedEventID", CloudTrailRecord.uuid(30)).decoded(),
                CloudTrailRecord.event("ConsoleLogin").source("signin.amazonaws.com").id(CloudTrailRecord.uuid(4)).root()
                        .type("AwsConsoleSignIn").response("ConsoleLogin", "Success")
                        .set("/additionalEventData", JsonNodeFactory.instance.objectNode().put("MFAUsed", "No"))
                        .decoded(),
                CloudTrailRecord.event("SomethingNew").id(CloudTrailRecord.uuid(5)).by(Identities.of("Unknown")).ip("")
                        .decoded());
    }

    static Attribution viaRole() {
        return new Attribution(new Origin("IAMUser", ALICE, null, null, ACCOUNT), Confidence.EXACT, null,
                List.of(new Hop(Identities.sessionArn(ACCOUNT, "Admin", "alice"), KEY, CloudTrailRecord.uuid(9), "AssumeRole",
                        1_700_000_000_000L, ACCOUNT, "key")), List.of());
    }

    static List<Attribution> attributions() {
        Attribution named = new Attribution(new Origin("SAMLUser", null, "carol@example.com", "okta", null),
                Confidence.ASSERTED, null, List.of(), List.of());
        Attribution unknown = new Attribution(null, Confidence.UNKNOWN, "no issuance in the logs read", List.of(), List.of());
        return java.util.Arrays.asList(viaRole(), named, unknown, null);
    }

    static RuleInfo rule(Severity severity, List<Threat> threat) {
        return new RuleInfo("rule-1", "Bucket policy changed", RuleFormat.FALCO, "builtin:test.yaml", 3, "WARNING", severity,
                null, List.of("aws", "mitre_defense_evasion"), threat, List.of(), "A bucket policy changed", true, null,
                List.of(), Map.of());
    }

    static List<Alert> alerts() {
        CloudTrailEvent e = events().get(0);
        Threat t = new Threat("TA0005", "Defense Evasion", "T1562", "Impair Defenses", "T1562.008", "Disable Cloud Logs");
        return List.of(
                new Alert(rule(Severity.HIGH, List.of(t)), "policy changed by alice", Map.of("ct.name", "PutBucketPolicy"),
                        AlertEvent.of(e), viaRole(), Map.of()),
                new Alert(rule(Severity.INFO, List.of(new Threat(null, null, null, null, null, null))), null, Map.of(),
                        AlertEvent.of(events().get(2)), null, Map.of("count", "3")),
                new Alert(rule(null, List.of()), "unknown origin", Map.of(), AlertEvent.of(events().get(4)),
                        attributions().get(2), Map.of("group", "g")));
    }
}
