package io.trailhound.core.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailhound.core.alert.Alert;
import io.trailhound.core.conformance.SharedData;
import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.identity.Attribution;
import io.trailhound.core.posture.CheckInfo;
import io.trailhound.core.posture.Finding;
import io.trailhound.core.posture.PostureCheck;
import io.trailhound.core.posture.PostureChecks;
import io.trailhound.core.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every OCSF record Trailhound writes, validated against the OCSF 1.8.0 schema sources in
 * {@code ../shared/reference/ocsf} (skipped where absent): API Activity for events of every
 * identity shape with every origin outcome, Detection Finding for alerts, Compliance Finding for
 * a finding of every posture check.
 */
class OcsfSchemaValidationTest {
    private static OcsfSchema schema;

    @BeforeAll
    static void load() {
        schema = new OcsfSchema(SharedData.dir("reference/ocsf"));
    }

    @Test
    void everyApiActivityRecordIsValid() {
        int n = 0;
        for (CloudTrailEvent e : OutputSamples.events()) {
            for (Attribution a : OutputSamples.attributions()) {
                ObjectNode r = OcsfApiActivity.of(e, EventOrigin.of(a));
                assertThat(schema.validate(r, "api_activity")).as(r.toPrettyString()).isEmpty();
                n++;
            }
        }
        assertThat(n).isEqualTo(20);
    }

    @Test
    void apiActivityMapsCloudTrailAsSecurityLakeDoes() {
        CloudTrailEvent e = OutputSamples.events().get(0);
        ObjectNode r = OcsfApiActivity.of(e, EventOrigin.of(OutputSamples.viaRole()));
        assertThat(r.at("/metadata/uid").asText()).isEqualTo(e.eventID());
        assertThat(r.at("/time").asLong()).isEqualTo(e.eventTimeMillis());
        assertThat(r.at("/api/operation").asText()).isEqualTo("PutBucketPolicy");
        assertThat(r.at("/api/service/name").asText()).isEqualTo("s3.amazonaws.com");
        assertThat(r.at("/api/request/uid").asText()).isEqualTo("REQ-1");
        assertThat(r.at("/api/request/data/bucketName").asText()).isEqualTo("prod-data");
        assertThat(r.at("/cloud/region").asText()).isEqualTo("us-east-1");
        assertThat(r.at("/actor/user/credential_uid").asText()).isEqualTo(OutputSamples.KEY);
        assertThat(r.at("/activity_id").asInt()).isEqualTo(3);
        assertThat(r.at("/type_uid").asLong()).isEqualTo(600303);
        assertThat(r.at("/resources/0/uid").asText()).isEqualTo("arn:aws:s3:::prod-data");
        assertThat(r.at("/enrichments/0/value").asText()).isEqualTo(OutputSamples.ALICE);
        assertThat(r.at("/enrichments/0/data/via/0").asText()).contains("assumed-role/Admin/alice");
        assertThat(r.at("/observables/0/value").asText()).isEqualTo(OutputSamples.ALICE);
        ObjectNode failed = OcsfApiActivity.of(OutputSamples.events().get(1), null);
        assertThat(failed.at("/status_id").asInt()).isEqualTo(2);
        assertThat(failed.at("/api/response/error").asText()).isEqualTo("AccessDenied");
        assertThat(failed.at("/src_endpoint/ip").asText()).isEqualTo("2001:db8::1");
        assertThat(failed.has("enrichments")).isFalse();
    }

    @Test
    void everyDetectionFindingIsValid() {
        for (Alert a : OutputSamples.alerts()) {
            ObjectNode r = OcsfDetectionFinding.of(AlertFacts.of(a), "1.2.3");
            assertThat(schema.validate(r, "detection_finding")).as(r.toPrettyString()).isEmpty();
        }
        ObjectNode r = OcsfDetectionFinding.of(AlertFacts.of(OutputSamples.alerts().get(0)), null);
        assertThat(r.at("/finding_info/uid").asText()).isEqualTo(OutputSamples.alerts().get(0).id());
        assertThat(r.at("/finding_info/attacks/0/sub_technique/uid").asText()).isEqualTo("T1562.008");
        assertThat(r.at("/severity_id").asInt()).isEqualTo(4);
        assertThat(r.at("/type_uid").asLong()).isEqualTo(200401);
    }

    @Test
    void aComplianceFindingOfEveryCheckIsValid() {
        List<PostureCheck> checks = PostureChecks.all();
        assertThat(checks).isNotEmpty();
        Instant asOf = Instant.parse("2026-11-01T00:00:00Z");
        for (PostureCheck c : checks) {
            CheckInfo info = c.info();
            for (Finding f : List.of(
                    new Finding(info.id(), info.severity(), "111122223333", "alice", null, "detail", 120),
                    new Finding(info.id(), info.severity(), "111122223333", null, "arn:aws:iam::111122223333:role/R", "d", -1),
                    new Finding(info.id(), info.severity(), "111122223333", null, null, "account-wide", -1))) {
                ObjectNode r = OcsfComplianceFinding.of(f, info, asOf, null);
                assertThat(schema.validate(r, "compliance_finding")).as(r.toPrettyString()).isEmpty();
            }
        }
        ObjectNode unknownCheck = OcsfComplianceFinding.of(new Finding("x", Severity.LOW, "1", "u", null, "d", 1), null, asOf, null);
        assertThat(schema.validate(unknownCheck, "compliance_finding")).isEmpty();
    }

    /** The validator itself finds what it is there to find (a validator that passes everything proves nothing). */
    @Test
    void theValidatorCatchesMissingWrongAndUnknownAttributes() {
        ObjectNode good = OcsfApiActivity.of(OutputSamples.events().get(0), EventOrigin.of(OutputSamples.viaRole()));
        List<String> seen = new ArrayList<>();

        ObjectNode r = good.deepCopy();
        ((ObjectNode) r.get("api")).remove("operation");
        seen.addAll(schema.validate(r, "api_activity"));
        assertThat(seen).anyMatch(p -> p.contains("api.operation: required"));

        r = good.deepCopy();
        r.put("type_uid", 600301);
        assertThat(schema.validate(r, "api_activity")).anyMatch(p -> p.contains("type_uid 600301"));

        r = good.deepCopy();
        r.put("severity_id", 7);
        assertThat(schema.validate(r, "api_activity")).anyMatch(p -> p.contains("severity_id: 7 is not one of"));

        r = good.deepCopy();
        r.put("time", "2026-11-01T09:00:00Z");
        assertThat(schema.validate(r, "api_activity")).anyMatch(p -> p.contains("is not a timestamp_t"));

        r = good.deepCopy();
        ((ObjectNode) r.get("src_endpoint")).put("ip", "not-an-ip");
        assertThat(schema.validate(r, "api_activity")).anyMatch(p -> p.contains("does not match ip_t"));

        r = good.deepCopy();
        r.put("made_up", 1);
        assertThat(schema.validate(r, "api_activity")).anyMatch(p -> p.contains("made_up: not an attribute"));

        r = good.deepCopy();
        r.put("severity", "High");
        assertThat(schema.validate(r, "api_activity")).anyMatch(p -> p.contains("is not the caption of severity_id"));

        r = good.deepCopy();
        r.remove("cloud");
        assertThat(schema.validate(r, "api_activity")).anyMatch(p -> p.contains("cloud: required"));

        r = good.deepCopy();
        ((ObjectNode) r.get("actor")).removeAll();
        assertThat(schema.validate(r, "api_activity")).anyMatch(p -> p.contains("needs at least one of"));

        assertThat(schema.validate(r, "detection_finding")).anyMatch(p -> p.contains("class_uid 6003"));
    }
}
