package io.trailhound.core.rules.elastic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.identity.Attribution;
import io.trailhound.core.identity.Confidence;
import io.trailhound.core.identity.Hop;
import io.trailhound.core.identity.Origin;
import io.trailhound.core.output.EcsDocument;
import io.trailhound.core.output.EventOrigin;
import io.trailhound.core.rules.ir.Accessor;
import io.trailhound.core.testkit.CloudTrailRecord;
import io.trailhound.core.testkit.Identities;
import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ECS document holds exactly what the Elastic rules read, field by field, plus trailhound.origin. */
class EcsDocumentViewTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode document(EcsDocument doc, CloudTrailEvent e, EventOrigin origin) throws IOException {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = JSON.getFactory().createGenerator(w)) {
            doc.write(g, e, origin);
        }
        return JSON.readTree(w.toString());
    }

    private static List<CloudTrailEvent> events() {
        String big = "x".repeat(EcsFields.REQUEST_PARAMETERS_IGNORE_ABOVE + 10);
        return List.of(
                CloudTrailRecord.event("ConsoleLogin").source("signin.amazonaws.com").root().type("AwsConsoleSignIn")
                        .response("ConsoleLogin", "Failure").error(null, "Failed authentication")
                        .set("/additionalEventData", JSON.createObjectNode().put("MFAUsed", "No").put("LoginTo", "https://c"))
                        .decoded(),
                CloudTrailRecord.event("CreateUser").source("iam.amazonaws.com")
                        .assumedRole("Admin", "alice", "ASIAEXAMPLEKEY000001", "2026-11-01T08:55:00Z")
                        .request("userName", "mallory").request("tags", JSON.createArrayNode().add(
                                JSON.createObjectNode().put("key", "k").put("value", 1)))
                        .response("user", JSON.createObjectNode().put("userId", "AIDA1").put("userName", "mallory"))
                        .set("/tlsDetails", JSON.createObjectNode().put("tlsVersion", "TLSv1.3")
                                .put("clientProvidedHostHeader", "iam.amazonaws.com"))
                        .decoded(),
                CloudTrailRecord.event("PutObject").source("s3.amazonaws.com").iamUser("bob", "AKIAEXAMPLEKEY000002")
                        .request("key", big).ip("ec2.amazonaws.com").decoded());
    }

    @Test
    void everyFieldOfTheDocumentIsWhatTheRulesRead() throws IOException {
        EcsView view = EcsView.of(GeoIp.NONE);
        EcsDocument doc = new EcsDocument(view);
        int compared = 0;
        for (CloudTrailEvent e : events()) {
            JsonNode d = document(doc, e, null);
            for (int i = 0; i < view.size(); i++) {
                String name = view.names().get(i);
                if (name.startsWith("aws.cloudtrail.flattened.")) {
                    continue;
                }
                Accessor rules = EcsFields.forDisplay(name, GeoIp.NONE);
                Object expected = rules.extract(e);
                JsonNode actual = d.at("/" + name.replace('.', '/'));
                if (expected == null) {
                    assertThat(actual.isMissingNode()).as(name).isTrue();
                } else if (expected instanceof String s) {
                    assertThat(actual.asText()).as(name).isEqualTo(s);
                    compared++;
                } else {
                    List<String> got = new java.util.ArrayList<>();
                    actual.forEach(x -> got.add(x.asText()));
                    assertThat(got).as(name).isEqualTo(expected);
                    compared++;
                }
            }
            assertThat(d.has("trailhound")).isFalse();
        }
        assertThat(compared).isGreaterThan(60);
    }

    @Test
    void theDocumentHasTheNestedEcsShapeAndTheOriginNamespace() throws IOException {
        EcsDocument doc = new EcsDocument(EcsView.of(GeoIp.NONE));
        CloudTrailEvent e = events().get(1);
        Attribution a = new Attribution(new Origin("IAMUser", Identities.userArn("111122223333", "alice"), null, null,
                "111122223333"), Confidence.EXACT, null, List.of(new Hop(Identities.sessionArn("111122223333", "Admin", "alice"),
                "ASIAEXAMPLEKEY000001", "e1", "AssumeRole", 1L, "111122223333", "key")), List.of());
        JsonNode d = document(doc, e, EventOrigin.of(a));
        assertThat(d.at("/event/action").asText()).isEqualTo("CreateUser");
        assertThat(d.at("/event/provider").asText()).isEqualTo("iam.amazonaws.com");
        assertThat(d.at("/@timestamp").asText()).isEqualTo("2026-11-01T09:00:00.000Z");
        assertThat(d.at("/user/target/name").asText()).isEqualTo("mallory");
        assertThat(d.at("/aws/cloudtrail/flattened/request_parameters/tags/0/value").asInt()).isEqualTo(1);
        assertThat(d.at("/aws/cloudtrail/flattened/response_elements/user/userId").asText()).isEqualTo("AIDA1");
        assertThat(d.at("/event/original").asText()).isEqualTo(e.rawJson());
        assertThat(d.at("/trailhound/origin/arn").asText()).isEqualTo("arn:aws:iam::111122223333:user/alice");
        assertThat(d.at("/trailhound/origin/confidence").asText()).isEqualTo("exact");
        assertThat(d.at("/trailhound/origin/via/0").asText()).contains("assumed-role/Admin/alice");
        assertThat(d.at("/tls/version").asText()).isEqualTo("1.3");
        // A long request is kept whole in the document (Elasticsearch keeps it in _source) though rules cannot match it.
        JsonNode big = document(doc, events().get(2), null);
        assertThat(big.at("/aws/cloudtrail/request_parameters").asText()).hasSizeGreaterThan(8191);
        assertThat(big.at("/source/address").asText()).isEqualTo("ec2.amazonaws.com");
        assertThat(big.at("/source/ip").isMissingNode()).isTrue();
    }

    @Test
    void aGeoPointLeavesOutItsQueryOnlyParts() {
        assertThat(EcsView.of(GeoIp.NONE).names()).doesNotContain("source.geo.location.lat")
                .contains("event.action", "aws.cloudtrail.flattened.request_parameters");
    }

    @Test
    void aBulkActionNamesTheIndexAndTheEventId() throws IOException {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = JSON.getFactory().createGenerator(w)) {
            EcsDocument.writeBulkAction(g, "logs-aws.cloudtrail-default", "e-1");
        }
        assertThat(w.toString()).isEqualTo("{\"create\":{\"_index\":\"logs-aws.cloudtrail-default\",\"_id\":\"e-1\"}}");
    }
}
