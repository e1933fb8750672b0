package io.trailhound.core.rules.elastic;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.rules.TestEvents;
import io.trailhound.core.rules.ir.Accessor;
import org.junit.jupiter.api.Test;

/**
 * The ECS {@code {k=v}} text of a member is rendered once per event however often it is read (a
 * KQL condition and an ES|QL query read it in turn), and reading another member's text between
 * reads still gives each its own value.
 */
class RenderedTextOnceTest {
    private static CloudTrailEvent event(String params, String response) {
        return TestEvents.parse("{\"eventTime\":\"2024-05-01T10:00:00Z\",\"eventID\":\"e1\",\"eventName\":\"SendCommand\","
                + "\"requestParameters\":" + params + ",\"responseElements\":" + response + "}");
    }

    @Test
    void aMembersTextIsMadeOnceAndEachMemberKeepsItsOwn() {
        Accessor request = EcsFields.resolve("aws.cloudtrail.request_parameters").accessor();
        Accessor response = EcsFields.resolve("aws.cloudtrail.response_elements").accessor();
        CloudTrailEvent e = event("{\"documentName\":\"AWS-RunShellScript\"}", "{\"commandId\":\"c1\"}");
        Object first = request.extract(e);
        assertThat(first).isEqualTo("{documentName=AWS-RunShellScript}");
        assertThat(request.extract(e)).as("the same text, not made again").isSameAs(first);
        assertThat(response.extract(e)).isEqualTo("{commandId=c1}");
        assertThat(request.extract(e)).isEqualTo(first);
        assertThat(request.extract(event("{\"documentName\":\"Other\"}", "null"))).as("another event").isEqualTo("{documentName=Other}");
        assertThat(request.extract(event("null", "null"))).isNull();
    }
}
