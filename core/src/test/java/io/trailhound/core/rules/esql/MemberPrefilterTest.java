package io.trailhound.core.rules.esql;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.rules.TestEvents;
import io.trailhound.core.rules.esql.EsqlEnvironment.RenderedMember;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When a GROK over a rendered member may be answered "no match" from the record's raw bytes alone. */
class MemberPrefilterTest {
    private static final RenderedMember RESPONSE = new RenderedMember("responseElements", "{}[]=, ");
    /** The Kubernetes web-identity rule's pattern, as GROK compiles it. */
    private static final MemberPrefilter ACCESS_KEY = MemberPrefilter.of(RESPONSE,
            new Grok("accessKeyId=%{NOTSPACE:issued_key_id},", 0).requiredLiterals());

    private static CloudTrailEvent record(String identityKey, String rest) {
        return TestEvents.parse("{\"eventVersion\":\"1.09\",\"userIdentity\":{\"type\":\"AssumedRole\",\"accessKeyId\":\""
                + identityKey + "\"},\"eventTime\":\"2024-05-01T10:00:00Z\",\"eventSource\":\"sts.amazonaws.com\","
                + "\"eventName\":\"ListRoles\",\"awsRegion\":\"us-east-1\",\"sourceIPAddress\":\"198.51.100.7\""
                + (rest.isEmpty() ? "" : "," + rest) + ",\"eventID\":\"e1\"}");
    }

    @Test
    void skipsWhenTheMemberLacksARequiredLiteralEvenIfTheRestOfTheRecordHasIt() {
        assertThat(ACCESS_KEY).isNotNull();
        assertThat(ACCESS_KEY.cannotMatch(record("ASIAKEY", "\"responseElements\":null"))).isTrue();
        assertThat(ACCESS_KEY.cannotMatch(record("ASIAKEY", ""))).as("no member at all").isTrue();
        assertThat(ACCESS_KEY.cannotMatch(record("ASIAKEY", "\"responseElements\":{\"roles\":[\"a\\/b\",1.5e3]}")))
                .as("accessKeyId only in userIdentity, before the member").isTrue();
    }

    @Test
    void runsTheGrokWhenTheLiteralMayBeThere() {
        assertThat(ACCESS_KEY.cannotMatch(record("ASIAKEY",
                "\"responseElements\":{\"credentials\":{\"accessKeyId\":\"ASIANEW\"}}"))).isFalse();
        assertThat(ACCESS_KEY.cannotMatch(record("ASIAKEY",
                "\"responseElements\":{\"note\":\"\\u0061ccessKeyId=ASIANEW, x\"}")))
                .as("spelled with a unicode escape: only the parse can tell").isFalse();
        assertThat(ACCESS_KEY.cannotMatch(record("ASIAKEY",
                "\"responseElements\":{\"response\\u0045lements\":1}")))
                .as("any unicode escape, even one spelling another member's name").isFalse();
    }

    @Test
    void onlyTheMembersOwnBytesAreSearchedWhereTheDecoderSawThem() {
        assertThat(ACCESS_KEY.cannotMatch(record("ASIAKEY",
                "\"responseElements\":null,\"additionalEventData\":{\"accessKeyId\":\"k\"}")))
                .as("a null member renders to null, whatever comes after it").isTrue();
        assertThat(ACCESS_KEY.cannotMatch(record("ASIAKEY",
                "\"responseElements\":{\"x\":1},\"additionalEventData\":{\"accessKeyId\":\"k\"}")))
                .as("the literal only after the member's bytes").isTrue();
        assertThat(ACCESS_KEY.cannotMatch(record("ASIAKEY",
                "\"responseElements\":{\"accessKey\":1},\"additionalEventData\":{\"Id\":\"accessKeyId\"}")))
                .as("a piece that starts inside the member and ends past it").isTrue();
        assertThat(ACCESS_KEY.cannotMatch(record("ASIAKEY",
                "\"responseElements\":{\"x\":\"accessKeyId\"},\"additionalEventData\":{\"y\":1}")))
                .as("the literal as a value, last in the member").isFalse();
        assertThat(ACCESS_KEY.cannotMatch(record("ASIAKEY",
                "\"responseElements\":{\"x\":\"\\u0041\"},\"additionalEventData\":{\"accessKeyId\":\"k\"}")))
                .as("a unicode escape anywhere: searched the old way, and kept").isFalse();
    }

    @Test
    void aRegexGroksNamedGroupLiteralCountsToo() {
        // The self-created access key rule's GROK: a temporary ASIA key in the response cannot match.
        MemberPrefilter longTerm = MemberPrefilter.of(RESPONSE,
                new Grok(".*accessKeyId=(?<key>AKIA[A-Z0-9]{16}).*", 0).requiredLiterals());
        assertThat(longTerm.cannotMatch(record("AKIAUSER", "\"responseElements\":{\"credentials\":"
                + "{\"accessKeyId\":\"ASIAEXAMPLE\"}}"))).isTrue();
        assertThat(longTerm.cannotMatch(record("AKIAUSER", "\"responseElements\":{\"accessKey\":"
                + "{\"accessKeyId\":\"AKIAEXAMPLE\"}}"))).isFalse();
    }

    @Test
    void aDissectSkipsARecordWhoseMemberLacksADelimiter() {
        // The SSM SendCommand rule's DISSECT over response_elements.
        MemberPrefilter commandId = MemberPrefilter.of(RESPONSE,
                new Dissect("%{}commandId=%{Esql.id},%{}", "", 0).requiredLiterals());
        assertThat(commandId).isNotNull();
        assertThat(commandId.cannotMatch(record("k", "\"responseElements\":{\"command\":{\"commandId\":\"c1\"}}")))
                .isFalse();
        assertThat(commandId.cannotMatch(record("k", "\"responseElements\":{\"command\":{\"status\":\"Pending\"}}")))
                .isTrue();
        assertThat(commandId.cannotMatch(record("k", "\"requestParameters\":{\"commandId\":\"c1\"}")))
                .as("only in another member").isTrue();
        assertThat(new Dissect("[%{a}] %{b}", "", 0).requiredLiterals()).containsExactly("[", "] ");
    }

    @Test
    void onlyPiecesNoNumberBooleanOrEscapeCanSpellAreTested() {
        assertThat(MemberPrefilter.of(RESPONSE, List.of("=1.0E", ", "))).as("a number renders these").isNull();
        assertThat(MemberPrefilter.of(RESPONSE, List.of("Infinity"))).isNull();
        assertThat(MemberPrefilter.of(RESPONSE, List.of("a/b", "\"x\"", "é"))).as("escapes and non-ASCII").isNull();
        assertThat(MemberPrefilter.of(null, List.of("accessKeyId"))).as("not a rendered member").isNull();
        assertThat(MemberPrefilter.of(RESPONSE, List.of())).isNull();
        MemberPrefilter userName = MemberPrefilter.of(RESPONSE, List.of("userName=", "=/x"));
        assertThat(userName.cannotMatch(record("k", "\"responseElements\":{\"user\":{\"userName\":\"bob\"}}")))
                .isFalse();
        assertThat(userName.cannotMatch(record("k", "\"responseElements\":{\"user\":{\"name\":\"bob\"}}")))
                .isTrue();
    }
}
