package io.trailhound.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FieldPathTest {
    private static CloudTrailEvent event(String json) throws Exception {
        byte[] raw = json.getBytes(StandardCharsets.UTF_8);
        JsonParser p = new JsonFactory().createParser(raw);
        p.nextToken();
        return CloudTrailEventDecoder.attach(new CloudTrailEventDecoder().decode(p, null), raw, new SourcePosition("t", 0, 1));
    }

    @Test
    void resolvesNestedFieldsAndArrayIndexes() throws Exception {
        CloudTrailEvent e = event("{\"eventName\":\"X\",\"resources\":[{\"ARN\":\"a\"},{\"ARN\":\"b\"}],"
                + "\"requestParameters\":{\"roleArn\":\"arn:r\",\"tags\":[{\"key\":\"k\"}]}}");
        assertThat(e.at(FieldPath.compile("resources[1].ARN")).asText()).isEqualTo("b");
        assertThat(e.at(FieldPath.compile("requestParameters.roleArn")).asText()).isEqualTo("arn:r");
        assertThat(e.at(FieldPath.compile("requestParameters.tags[0].key")).asText()).isEqualTo("k");
        assertThat(e.at(FieldPath.compile("requestParameters.tags[3].key"))).isNull();
        assertThat(e.at(FieldPath.compile("nothing.here"))).isNull();
        assertThat(e.tree()).isSameAs(e.tree()); // parsed once
    }

    @Test
    void rejectsMalformedPaths() {
        assertThatThrownBy(() -> FieldPath.compile("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FieldPath.compile("a..b")).hasMessageContaining("empty segment");
        assertThatThrownBy(() -> FieldPath.compile("a[1")).hasMessageContaining("unclosed");
        assertThatThrownBy(() -> FieldPath.compile("a[x]")).hasMessageContaining("bad array index");
    }
}
