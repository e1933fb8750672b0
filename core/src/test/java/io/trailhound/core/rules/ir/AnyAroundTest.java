package io.trailhound.core.rules.ir;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.re2j.Pattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A whole match of (.|\n)*X(.|\n)* searched for X instead: the same answers, and only where X reads the same alone. */
class AnyAroundTest {
    private static final String ANY = "(.|\\n)*";

    /** The built-in "Policy Grants Full Admin" patterns and others of the shape, each with and without case folding. */
    private static final List<String> SEARCHABLE = List.of(
            "\"Effect\"[[:space:]]*:[[:space:]]*\"Allow\"",
            "\"Action\"[[:space:]]*:[[:space:]]*([[][^]]*)?\"[*](:[*])?\"",
            "\"Resource\"[[:space:]]*:[[:space:]]*([[][^]]*)?\"[*]\"",
            "a(b|c)+d", "x\\.y", "[]|]z", "(a|\\n)b", "");

    /** Not read as a search: the answer could differ, or the form is left to the whole match. */
    private static final List<String> WHOLE_ONLY = List.of(
            "a|b", "^a", "a$", "\\Aa", "a\\z", "\\ba", "(?i)a", "(?:a|b)c", "a)(b", "a\\", "[a");

    @Test
    void theBuiltInPolicyPatternsAndTheirLikeAreSearched() {
        for (String x : SEARCHABLE) {
            assertThat(AnyAround.inner(Pattern.compile(ANY + x + ANY))).as(x).isNotNull();
        }
        assertThat(AnyAround.inner(Pattern.compile("a" + ANY))).isNull();
        assertThat(AnyAround.inner(Pattern.compile(ANY + "a"))).isNull();
        assertThat(AnyAround.inner(Pattern.compile(".*a.*"))).isNull();
        // Falco's strings unescape \n to a newline before RE2 reads the pattern
        assertThat(AnyAround.inner(Pattern.compile("(.|\n)*" + SEARCHABLE.get(0) + "(.|\n)*"))).isNotNull();
        assertThat(AnyAround.inner(Pattern.compile("(.|\n)*" + SEARCHABLE.get(0) + ANY))).isNotNull();
    }

    @Test
    void formsThatWouldReadDifferentlyAloneAreLeftToTheWholeMatch() {
        for (String x : WHOLE_ONLY) {
            assertThat(AnyAround.standsAlone(x)).as(x).isFalse();
        }
    }

    @Test
    void answersEqualTheWholeMatchOnRandomValues() {
        Random r = new Random(7);
        String alphabet = "ab cdxyz.|\n\t\"*:[]ActionEffectAllowResource{},";
        List<String> values = new ArrayList<>(List.of("", "\n", "{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}",
                "{\n  \"Statement\": [{\n    \"Effect\" :\n \"Allow\",\n \"Action\": [\"s3:Get\", \"*:*\"],\n \"Resource\": [\"arn\", \"*\"]}]}"));
        for (int i = 0; i < 3000; i++) {
            StringBuilder v = new StringBuilder();
            int n = r.nextInt(40);
            for (int k = 0; k < n; k++) {
                v.append(alphabet.charAt(r.nextInt(alphabet.length())));
            }
            values.add(v.toString());
        }
        List<String> all = new ArrayList<>(SEARCHABLE);
        all.addAll(WHOLE_ONLY.stream().filter(x -> !x.equals("a)(b") && !x.equals("a\\") && !x.equals("[a")).toList());
        for (String x : all) {
            for (int flags : new int[] {0, Pattern.CASE_INSENSITIVE}) {
                for (String any : List.of(ANY, "(.|\n)*")) {
                    Pattern whole = Pattern.compile(any + x + any, flags);
                    Matcher m = Matchers.regex(whole, true);
                    for (String v : values) {
                        assertThat(m.test(v)).as("%s over %s", whole.pattern(), v).isEqualTo(whole.matches(v));
                    }
                }
            }
        }
    }
}
