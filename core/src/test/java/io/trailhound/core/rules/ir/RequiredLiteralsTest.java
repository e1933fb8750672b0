package io.trailhound.core.rules.ir;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.re2j.Pattern;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The texts every match of a pattern contains, and that testing for them first never changes a regex's answer. */
class RequiredLiteralsTest {
    /** The built-in pack's policy patterns (Falco writes [*] and [[] for the characters it cannot escape). */
    private static final String EFFECT = "\"Effect\"[[:space:]]*:[[:space:]]*\"Allow\"";
    private static final String ACTION = "\"Action\"[[:space:]]*:[[:space:]]*([[][^]]*)?\"[*](:[*])?\"";

    @Test
    void topLevelRunsOfPlainCharactersAndOneCharacterClasses() {
        assertThat(RequiredLiterals.of(EFFECT)).containsExactly("\"Effect\"", ":", "\"Allow\"");
        assertThat(RequiredLiterals.of(ACTION)).containsExactly("\"Action\"", ":", "\"*", "\"");
        assertThat(RequiredLiterals.of("ab*c")).as("b may be absent").containsExactly("a", "c");
        assertThat(RequiredLiterals.of("x(ab)?y\\.z")).containsExactly("x", "y.z");
        assertThat(RequiredLiterals.of(".+:assumed-role/aws:.+")).containsExactly(":assumed-role/aws:");
        assertThat(RequiredLiterals.of("a[]b]c")).containsExactly("a", "c");
    }

    @Test
    void whatItDoesNotReadSurelyGivesNothing() {
        for (String re : List.of("a|b", "(?i)abc", "\\Qa*\\E", "a{2}", "\\x41", "\\pL", "ab\\b")) {
            assertThat(RequiredLiterals.of(re)).as(re).isEmpty();
        }
        assertThat(RequiredLiterals.of(Pattern.compile("abc", Pattern.CASE_INSENSITIVE))).isEmpty();
        assertThat(RequiredLiterals.of("(a|b)c")).as("alternation inside a group").containsExactly("c");
    }

    @Test
    void plainGroupsAreReadThroughQuantifiedOnesAndCountedRepetitionsEndARun() {
        // The peer pack's GROK patterns, as Grok compiles them.
        assertThat(RequiredLiterals.of("accessKeyId=(?P<g0>\\S+),")).containsExactly("accessKeyId=", ",");
        assertThat(RequiredLiterals.of(".*accessKeyId=(?P<g0>AKIA[A-Z0-9]{16}).*")).containsExactly("accessKeyId=AKIA");
        assertThat(RequiredLiterals.of("a(?:b)c(?<n>d)e")).containsExactly("abcde");
        assertThat(RequiredLiterals.of("a((b)c)d")).containsExactly("abcd");
        assertThat(RequiredLiterals.of("x[0-9]{2,}y(z){1,3}w")).containsExactly("x", "y", "w");
        assertThat(RequiredLiterals.of("a(b|c)d(e)?f(g)*h(i)+j(k)??l")).containsExactly("a", "d", "f", "h", "j", "l");
        assertThat(RequiredLiterals.of("a(b(c|d)e)f")).as("alternation one level down").containsExactly("ab", "ef");
        assertThat(RequiredLiterals.of("a(b[)|]c)d")).as("a class holding ) and |").containsExactly("ab", "cd");
        assertThat(RequiredLiterals.of("a(b\\)c)d")).as("an escaped )").containsExactly("ab)cd");
        assertThat(RequiredLiterals.of("a(bc")).as("unclosed").isEmpty();
        assertThat(RequiredLiterals.of("ab)c")).as("unopened").isEmpty();
        for (String re : List.of("(?=a)b", "(?!a)b", "(?P<n", "a{x", "a{,2}", "(?s)ab")) {
            assertThat(RequiredLiterals.of(re)).as(re).isEmpty();
        }
    }

    @Test
    void aPrefilteredRegexAnswersAsTheRegexOnRandomValues() {
        List<String> patterns = List.of(EFFECT, ACTION, "(.|\\n)*" + ACTION + "(.|\\n)*", "a[*]b", "ab?c", "x(y|z)+w",
                "[[:space:]]a:b", "\\.\\*x", "^ab", "ab$", "a.c", "[^a]bc", "(ab)*c[[]d",
                "a(?:b|c)d", "x(?P<n>y*)z", "a[bc]{2}:", "(ab){0}c", "ab{0,1}c", "a(?:bc)d", "x(?P<n>yz)w",
                "(a(b)c)d", "a(b(c|d)x)y", "a(b[)]c)d", "(a)*(b)c", "x(y)?z", "a(b)(c)d", ".*a(?P<g0>b[cd]{2}).*");
        String alphabet = "abcdxyzw*:[]\".\n \\";
        Random random = new Random(33);
        for (String re : patterns) {
            Pattern p = Pattern.compile(re);
            for (boolean whole : new boolean[] {true, false}) {
                Matcher m = Matchers.regex(p, whole);
                for (int i = 0; i < 3000; i++) {
                    StringBuilder v = new StringBuilder();
                    int n = random.nextInt(24);
                    for (int k = 0; k < n; k++) {
                        v.append(alphabet.charAt(random.nextInt(alphabet.length())));
                    }
                    String s = random.nextInt(4) == 0 ? "\"Action\": [\"x\", \"*\"]" + v : v.toString();
                    boolean expected = whole ? p.matches(s) : p.matcher(s).find();
                    assertThat(m.test(s)).as(re + " on " + s).isEqualTo(expected);
                }
            }
        }
    }
}
