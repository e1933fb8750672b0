package io.trailhound.core.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class PolicyDocumentTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void percentDecodingKeepsAPlusAndDecodesUtf8() {
        assertThat(PolicyDocument.percentDecode("user%2Fops+admin%20%C3%A9")).isEqualTo("user/ops+admin é");
        assertThat(PolicyDocument.percentDecode("100%")).isEqualTo("100%");
        assertThat(PolicyDocument.percentDecode("%zz")).isEqualTo("%zz");
    }

    @Test
    void statementsAndValuesMayBeOneOrMany() throws Exception {
        var one = JSON.readTree("{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\"}}");
        var many = JSON.readTree("{\"Statement\":[{\"Action\":[\"a\",\"b\"]},{}]}");
        assertThat(PolicyDocument.statements(one)).hasSize(1);
        assertThat(PolicyDocument.strings(PolicyDocument.statements(one).get(0).get("Action"))).containsExactly("sts:AssumeRole");
        assertThat(PolicyDocument.statements(many)).hasSize(2);
        assertThat(PolicyDocument.strings(many.at("/Statement/0/Action"))).containsExactly("a", "b");
    }

    @Test
    void sourceIdentityConditionsThatRequireIt() throws Exception {
        assertThat(PolicyDocument.requiresSourceIdentity(JSON.readTree("{\"StringLike\":{\"sts:SourceIdentity\":\"${aws:username}\"}}"))).isTrue();
        assertThat(PolicyDocument.requiresSourceIdentity(JSON.readTree("{\"Null\":{\"sts:SourceIdentity\":\"false\"}}"))).isTrue();
        assertThat(PolicyDocument.requiresSourceIdentity(JSON.readTree("{\"Null\":{\"sts:SourceIdentity\":\"true\"}}"))).isFalse();
        assertThat(PolicyDocument.requiresSourceIdentity(JSON.readTree("{\"StringNotEquals\":{\"sts:SourceIdentity\":\"x\"}}"))).isFalse();
        assertThat(PolicyDocument.pinsSessionName(JSON.readTree("{\"StringEquals\":{\"sts:RoleSessionName\":[\"${aws:username}\"]}}"))).isTrue();
        assertThat(PolicyDocument.pinsSessionName(JSON.readTree("{\"StringLike\":{\"sts:RoleSessionName\":\"*\"}}"))).isFalse();
    }
}
