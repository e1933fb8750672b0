package io.trailhound.core.rules.elastic;

import static io.trailhound.core.rules.elastic.CloudTrailRecords.ASSUMED_ROLE;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.core.event.CloudTrailEvent;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** A member's text is rendered once per event and thread, and never answered from another event. */
class MemberTextsTest {
    private static CloudTrailEvent sendCommand(String document) {
        return CloudTrailRecords.record("ssm.amazonaws.com", "SendCommand", ASSUMED_ROLE, "198.51.100.7", "aws-cli/2",
                "\"requestParameters\":{\"documentName\":\"" + document + "\"},\"responseElements\":null");
    }

    @Test
    void theSameEventsTextIsRenderedOnce() {
        CloudTrailEvent e = sendCommand("AWS-RunShellScript");
        String first = MemberTexts.of(e, "requestParameters");
        assertThat(first).isEqualTo("{documentName=AWS-RunShellScript}");
        assertThat(MemberTexts.of(e, "requestParameters")).isSameAs(first);
        assertThat(MemberTexts.of(e, "responseElements")).isNull();
        assertThat(MemberTexts.of(e, "requestParameters")).as("kept beside another member's").isSameAs(first);
    }

    @Test
    void anotherEventOrThreadGetsItsOwnText() throws Exception {
        CloudTrailEvent a = sendCommand("AWS-RunShellScript");
        CloudTrailEvent b = sendCommand("AWS-RunPowerShellScript");
        assertThat(MemberTexts.of(a, "requestParameters")).isEqualTo("{documentName=AWS-RunShellScript}");
        assertThat(MemberTexts.of(b, "requestParameters")).isEqualTo("{documentName=AWS-RunPowerShellScript}");
        assertThat(MemberTexts.of(a, "requestParameters")).as("back to the first event")
                .isEqualTo("{documentName=AWS-RunShellScript}");
        // Another thread renders b while this one last read a: neither answers from the other's event.
        String inOther = CompletableFuture.supplyAsync(() -> MemberTexts.of(b, "requestParameters")).get();
        assertThat(inOther).isEqualTo("{documentName=AWS-RunPowerShellScript}");
        assertThat(MemberTexts.of(a, "requestParameters")).isEqualTo("{documentName=AWS-RunShellScript}");
    }
}
