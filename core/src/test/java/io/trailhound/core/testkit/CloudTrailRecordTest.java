package io.trailhound.core.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailhound.core.event.CloudTrailEvent;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shared record builder writes what CloudTrail writes, whatever order a test calls it in. */
class CloudTrailRecordTest {
    @Test
    void membersComeOutInCloudTrailsOrderWithTheDefaultEnvelope() {
        ObjectNode r = CloudTrailRecord.event("ListUsers").request("maxItems", 5).error("AccessDenied", "no")
                .source("iam.amazonaws.com").iamUser("bob", null).node();
        assertThat(r.properties().stream().map(Map.Entry::getKey).toList()).containsExactly("eventVersion", "userIdentity",
                "eventTime", "eventSource", "eventName", "awsRegion", "sourceIPAddress", "errorCode", "errorMessage",
                "requestParameters", "eventID", "eventType", "recipientAccountId");
        assertThat(r.path("eventTime").asText()).isEqualTo(CloudTrailRecord.TIME);
        assertThat(r.path("userIdentity").has("accessKeyId")).isFalse();
    }

    @Test
    void identityAndIssuedCredentialsFollowTheFinalAccountAndTimeWhateverTheCallOrder() {
        ObjectNode r = CloudTrailRecord.assumeRole("444455556666", "Admin", "alice", "ASIAADMIN0000000001", 3600)
                .iamUser("alice", "AKIAALICE0000000001").at("2026-11-01T21:30:00Z").account("222233334444").node();
        assertThat(r.at("/userIdentity/arn").asText()).isEqualTo("arn:aws:iam::222233334444:user/alice");
        assertThat(r.at("/recipientAccountId").asText()).isEqualTo("222233334444");
        assertThat(r.at("/requestParameters/roleArn").asText()).isEqualTo("arn:aws:iam::444455556666:role/Admin");
        assertThat(r.at("/responseElements/credentials/expiration").asText()).isEqualTo("Nov 1, 2026, 10:30:00 PM");
        assertThat(r.at("/responseElements/assumedRoleUser/arn").asText())
                .isEqualTo("arn:aws:sts::444455556666:assumed-role/Admin/alice");
    }

    @Test
    void eventIdsAreStableForEqualRecordsAndDifferOtherwise() {
        CloudTrailRecord a = CloudTrailRecord.event("GetUser").source("iam.amazonaws.com");
        assertThat(a.node().path("eventID").asText()).isEqualTo(CloudTrailRecord.event("GetUser").source("iam.amazonaws.com")
                .node().path("eventID").asText()).matches("[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}");
        assertThat(a.node().path("eventID")).isNotEqualTo(CloudTrailRecord.event("GetUser").node().path("eventID"));
        CloudTrailRecord numbered = a.id(CloudTrailRecord.uuid(26));
        assertThat(numbered.node().path("eventID").asText()).isEqualTo("0000001a-0000-4000-8000-00000000001a");
        assertThat(a.node().path("eventID").asText()).as("a builder is a template: a.id() left a as it was")
                .isNotEqualTo("0000001a-0000-4000-8000-00000000001a");
    }

    @Test
    void setMakesObjectsOnTheWayAndWritesValuesAsGiven() {
        String json = CloudTrailRecord.event("ConsoleLogin").response("ConsoleLogin", "Success").set("/responseElements", null)
                .set("/responseElements/x/y", true).set("/additionalEventData/MFAUsed", "No")
                .set("/n", new BigInteger("7".repeat(30))).set("/list", List.of(1, "a"))
                .set("/map", Map.of("b", 1, "a", 2, "c", 3)).json();
        assertThat(json).contains("\"responseElements\":{\"x\":{\"y\":true}}", "\"additionalEventData\":{\"MFAUsed\":\"No\"}",
                "\"n\":" + "7".repeat(30), "\"list\":[1,\"a\"]",
                "\"map\":{\"a\":2,\"b\":1,\"c\":3}").doesNotContain("\n");
    }

    @Test
    void decodedIsWhatTheScansDecoderMakesOfTheJson() {
        CloudTrailRecord r = CloudTrailRecord.event("StopLogging").source("cloudtrail.amazonaws.com")
                .assumedRole("Admin", "alice", "ASIAADMIN0000000001", CloudTrailRecord.TIME);
        CloudTrailEvent e = r.decoded();
        assertThat(e.eventName()).isEqualTo("StopLogging");
        assertThat(e.userIdentity().accessKeyId()).isEqualTo("ASIAADMIN0000000001");
        assertThat(e.userIdentity().sessionIssuer().arn()).isEqualTo(Identities.roleArn(CloudTrailRecord.ACCOUNT, "Admin"));
        assertThat(e.rawJson()).isEqualTo(r.json());
    }
}
