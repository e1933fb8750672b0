package io.trailhound.core.rules.elastic;

import static io.trailhound.core.rules.elastic.CloudTrailRecords.ASSUMED_ROLE;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import io.trailhound.core.alert.Alert;
import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.rules.ir.CompiledRule;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A GROK over {@code aws.cloudtrail.response_elements} gives the same columns whether or not the
 * raw-bytes prefilter answers first: written, escaped and absent literals, and random members.
 */
class EsqlGrokPrefilterTest {
    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
    private static final CompiledRule GROK = EsqlSemanticsTest.rule("""
            FROM logs-aws.cloudtrail-*
            | GROK aws.cloudtrail.response_elements "accessKeyId=%{NOTSPACE:issued_key_id},"
            | WHERE issued_key_id IS NOT NULL
            | KEEP issued_key_id
            """);
    private static final Pattern SAME = Pattern.compile("accessKeyId=(\\S+),", Pattern.DOTALL);

    private static CloudTrailEvent listRoles(String response) {
        return EsqlRuns.event(T0, "iam.amazonaws.com", "ListRoles", ASSUMED_ROLE, EvidenceCase.IP,
                response == null ? "" : "\"responseElements\":" + response);
    }

    private static String issued(CloudTrailEvent e) {
        List<Alert> a = EsqlRuns.run(GROK, e);
        return a.isEmpty() ? null : a.get(0).outputFields().get("issued_key_id");
    }

    @Test
    void writtenAndEscapedLiteralsMatchAbsentOnesDoNot() {
        assertThat(issued(listRoles("{\"note\":\"accessKeyId=AKIAONE, more\"}"))).isEqualTo("AKIAONE");
        assertThat(issued(listRoles("{\"note\":\"\\u0061ccessKeyId=AKIATWO, more\"}")))
                .as("the literal spelled with a unicode escape in the raw JSON").isEqualTo("AKIATWO");
        assertThat(issued(listRoles("{\"note\":\"access\\u004beyId=AKIATHREE, x\"}"))).isEqualTo("AKIATHREE");
        assertThat(issued(listRoles("{\"note\":\"accessKey=AKIAFOUR, more\"}"))).isNull();
        assertThat(issued(listRoles(null))).as("the identity's accessKeyId is not the member's").isNull();
        assertThat(issued(listRoles("null"))).isNull();
    }

    @Test
    void randomMembersGiveWhatTheGrokGivesOnTheRenderedText() {
        String[] parts = {"accessKeyId", "\\u0061ccessKeyId", "access", "KeyId", "=", ",", " ", "AKIA9", "\\/",
                "\\\\u0061", "\\\"", "x"};
        Random random = new Random(33);
        for (int i = 0; i < 300; i++) {
            String member = RandomMembers.object(random, "accessKeyId", parts);
            CloudTrailEvent e = listRoles(member);
            String text = PipelineValues.mapText(e.member("responseElements"));
            Matcher m = text == null ? null : SAME.matcher(text);
            String expected = m != null && m.find() ? m.group(1) : null;
            assertThat(issued(listRoles(member))).as(member).isEqualTo(expected);
        }
    }
}
