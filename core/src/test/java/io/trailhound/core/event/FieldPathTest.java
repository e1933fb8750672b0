package io.trailhound.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailhound.core.testkit.CloudTrailRecord;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FieldPathTest {
    @Test
    void resolvesNestedFieldsAndArrayIndexes() {
        CloudTrailEvent e = CloudTrailRecord.event("X").set("/resources", List.of(Map.of("ARN", "a"), Map.of("ARN", "b")))
                .request("roleArn", "arn:r").request("tags", List.of(Map.of("key", "k"))).decoded();
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
