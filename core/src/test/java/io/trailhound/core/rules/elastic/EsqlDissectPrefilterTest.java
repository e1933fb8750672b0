package io.trailhound.core.rules.elastic;

import static io.trailhound.core.rules.elastic.CloudTrailRecords.ASSUMED_ROLE;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.core.alert.Alert;
import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.rules.ir.CompiledRule;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A DISSECT over {@code aws.cloudtrail.response_elements} (the SSM SendCommand rule's) gives the
 * same column whether or not the raw-bytes prefilter answers first: the delimiter in the member,
 * only after it, only in another member, escaped, and random members.
 */
class EsqlDissectPrefilterTest {
    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
    private static final CompiledRule DISSECT = EsqlSemanticsTest.rule("""
            FROM logs-aws.cloudtrail-*
            | DISSECT aws.cloudtrail.response_elements "%{}commandId=%{command_id},%{}"
            | WHERE command_id IS NOT NULL
            | KEEP command_id
            """);

    private static CloudTrailEvent sendCommand(String response, String after) {
        String rest = (response == null ? "" : "\"responseElements\":" + response) + (after == null ? ""
                : (response == null ? "" : ",") + "\"additionalEventData\":" + after);
        return EsqlRuns.event(T0, "ssm.amazonaws.com", "SendCommand", ASSUMED_ROLE, EvidenceCase.IP, rest);
    }

    private static String commandId(CloudTrailEvent e) {
        List<Alert> a = EsqlRuns.run(DISSECT, e);
        return a.isEmpty() ? null : a.get(0).outputFields().get("command_id");
    }

    /** What the DISSECT gives on the rendered text, found by hand. */
    private static String expected(CloudTrailEvent e) {
        String text = PipelineValues.mapText(e.member("responseElements"));
        int at = text == null ? -1 : text.indexOf("commandId=");
        int end = at < 0 ? -1 : text.indexOf(',', at + "commandId=".length());
        String v = end < 0 ? null : text.substring(at + "commandId=".length(), end);
        return v == null || v.isEmpty() ? null : v;
    }

    @Test
    void theDelimiterOnlyInTheMemberCounts() {
        assertThat(commandId(sendCommand("{\"command\":{\"commandId\":\"c-1,Pending\"}}", null)))
                .isEqualTo("c-1");
        assertThat(commandId(sendCommand("{\"command\":{\"commandId\":\"c-2,Pending\"}}",
                "{\"x\":\"\\u0041\"}"))).as("a unicode escape elsewhere: rendered and dissected").isEqualTo("c-2");
        assertThat(commandId(sendCommand("{\"command\":{\"\\u0063ommandId\":\"c-3,x\"}}", null)))
                .as("the key spelled with a unicode escape").isEqualTo("c-3");
        assertThat(commandId(sendCommand("{\"command\":{\"status\":\"Pending\"}}", "{\"commandId\":\"c-4\",\"a\":1}")))
                .as("only after the member").isNull();
        assertThat(commandId(sendCommand("null", "{\"commandId\":\"c-5\",\"a\":1}"))).isNull();
        assertThat(commandId(sendCommand(null, "{\"commandId\":\"c-6\",\"a\":1}"))).as("no member").isNull();
    }

    @Test
    void randomMembersGiveWhatTheDissectGivesOnTheRenderedText() {
        String[] parts = {"commandId", "\\u0063ommandId", "command", "Id", "=", ",", " ", "c-9", "\\/", "\\\"", "x"};
        Random random = new Random(34);
        for (int i = 0; i < 300; i++) {
            String member = RandomMembers.object(random, "commandId", parts);
            String after = random.nextBoolean() ? RandomMembers.object(random, "commandId", parts) : null;
            CloudTrailEvent e = sendCommand(member, after);
            assertThat(commandId(sendCommand(member, after))).as(member + " then " + after).isEqualTo(expected(e));
        }
    }
}
