package io.trailhound.core.rules.elastic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link PipelineValues#mapText} written in one builder gives the JDK's {@code toString()} of the pipeline's maps and lists. */
class PipelineValuesTextTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] SCALARS = {"\"a\"", "\"\"", "\"-\"", "\"none\"", "null", "1", "-7", "2147483648",
        "123456789012345678901234567890", "1.5", "1e2", "true", "false", "\"x, y={z}\"", "\"é\""};

    private static String value(Random r, int depth) {
        int kind = depth > 4 ? 0 : r.nextInt(4);
        if (kind == 0 || kind == 1) {
            return SCALARS[r.nextInt(SCALARS.length)];
        }
        StringBuilder b = new StringBuilder(kind == 2 ? "{" : "[");
        int n = r.nextInt(5);
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : ",");
            if (kind == 2) {
                b.append("\"k").append(r.nextInt(30)).append("\":");
            }
            b.append(value(r, depth + 1));
        }
        return b.append(kind == 2 ? "}" : "]").toString();
    }

    @Test
    void mapTextIsTheJdksTextOfThePipelinesValue() throws Exception {
        Random r = new Random(3305);
        int rendered = 0;
        for (int i = 0; i < 5000; i++) {
            JsonNode n = JSON.readTree(value(r, 0));
            Object java = PipelineValues.toJava(n);
            String want = java == null ? null : java.toString();
            assertThat(PipelineValues.mapText(n)).as(n.toString()).isEqualTo(want);
            rendered += want != null && want.startsWith("{") ? 1 : 0;
        }
        assertThat(rendered).as("objects rendered").isGreaterThan(500);
    }

    @Test
    void aTextNeverCarriesPartOfTheOneBeforeIt() throws Exception {
        // The builder is kept per thread: long, short, huge (past what is kept) and long again.
        StringBuilder huge = new StringBuilder("{\"commands\":[");
        for (int i = 0; i < 2000; i++) {
            huge.append(i == 0 ? "" : ",").append("\"echo step ").append(i).append('"');
        }
        String[] members = {"{\"documentName\":\"AWS-RunShellScript\",\"instanceIds\":[\"i-1\",\"i-2\"]}",
            "{\"a\":\"b\"}", huge.append("]}").toString(), "{\"documentName\":\"AWS-RunShellScript\"}", "{\"a\":\"\"}"};
        for (int round = 0; round < 2; round++) {
            for (String m : members) {
                JsonNode n = JSON.readTree(m);
                Object java = PipelineValues.toJava(n);
                assertThat(PipelineValues.mapText(n)).isEqualTo(java == null ? null : java.toString());
            }
        }
    }
}
