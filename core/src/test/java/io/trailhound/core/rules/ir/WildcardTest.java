package io.trailhound.core.rules.ir;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A case-sensitive pattern of literal runs between stars is matched one search per run: the answers
 * are a whole-value match of the same pattern as a regular expression, on values built to nearly
 * match (runs repeated, overlapping, at the edges).
 */
class WildcardTest {
    private static final String ALPHABET = "ab/";

    private static String random(Random r, int max, String alphabet) {
        StringBuilder sb = new StringBuilder();
        int n = r.nextInt(max + 1);
        for (int i = 0; i < n; i++) {
            sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    @Test
    void runsBetweenStarsMatchAsTheRegularExpressionDoes() {
        Random r = new Random(33);
        int matched = 0;
        for (int i = 0; i < 20_000; i++) {
            String pattern = random(r, 7, ALPHABET + "**");
            java.util.regex.Pattern re = java.util.regex.Pattern.compile(
                    java.util.Arrays.stream(pattern.split("\\*", -1)).map(java.util.regex.Pattern::quote)
                            .reduce((a, b) -> a + ".*" + b).orElse(""), java.util.regex.Pattern.DOTALL);
            Wildcard w = Wildcard.parse(pattern, false);
            for (int k = 0; k < 5; k++) {
                String value = random(r, 9, ALPHABET);
                boolean want = re.matcher(value).matches();
                assertThat(w.test(value)).as(pattern + " on " + value).isEqualTo(want);
                matched += want ? 1 : 0;
            }
        }
        assertThat(matched).isBetween(10_000, 90_000);
        assertThat(Wildcard.parse("*role/*BedrockAgentCore*", false).test("arn:aws:iam::1:role/x-BedrockAgentCore-y")).isTrue();
        assertThat(Wildcard.parse("*role/*BedrockAgentCore*", false).test("arn:aws:iam::1:BedrockAgentCore/role/x")).isFalse();
        assertThat(Wildcard.parse("ab*ba", false).test("aba")).as("the runs may not overlap").isFalse();
        assertThat(Wildcard.parse("ab*ba", false).test("abba")).isTrue();
    }
}
