package io.trailhound.core.rules.ir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.trailhound.core.rules.Hostile;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rule regexes: what RE2 would refuse, or RE2/J would take for ever to build, fails fast as a syntax error. */
class RegexesTest {
    private static String refusal(String regex) {
        return Hostile.run(() -> {
            try {
                Regexes.compile(regex);
            } catch (PatternSyntaxException e) {
                return e.getDescription();
            }
            throw new AssertionError("compiled: " + regex);
        });
    }

    @Test
    void nestedRepetitionsPastAThousandCopiesAreRefusedAsRe2Does() {
        assertThat(refusal("((a{1000}){1000}){1000}")).contains("nested repetitions make more than 1000 copies");
        assertThat(refusal("(a{100}){11}")).contains("more than 1000");
        assertThat(refusal("(?:x(?:y[ab]{50}z){3}w){7}")).contains("more than 1000");
        assertThat(Regexes.compile("(a{100}){10}").matches("a".repeat(1000))).isTrue();
        assertThat(Regexes.compile("((ab){10}c){10}").programSize()).isPositive();
    }

    @Test
    void deepGroupsAndHugeProgramsAreRefused() {
        assertThat(refusal("(".repeat(100_000) + "a" + ")".repeat(100_000))).contains("nested deeper than");
        assertThat(refusal("(?:a{1000}b{1000}){0}" + "[a-z]{1000}".repeat(200))).contains("too large");
        String ok = "(".repeat(Regexes.MAX_NESTING) + "a" + ")".repeat(Regexes.MAX_NESTING);
        assertThat(Hostile.run(() -> Regexes.compile(ok).matches("a"))).isTrue();
    }

    @Test
    void bracesThatAreNotRepetitionsAreNotCountedAsOnes() {
        for (String re : List.of("\\x{1000}{2}", "\\p{Greek}{500}", "[{1000}]{999}", "a{,1000}{", "\\Q{1000}\\E{1000}",
                "x{1000", "[[:alpha:]{}]{1000}", "(?i)(?P<name>ab){2}{3}")) {
            Pattern p;
            try {
                p = Regexes.compile(re);
            } catch (PatternSyntaxException e) {
                // RE2/J may reject the syntax itself, but never for our limits
                assertThat(e.getDescription()).as(re).doesNotContain("copies").doesNotContain("too large");
                continue;
            }
            assertThat(p.programSize()).as(re).isLessThan(Regexes.MAX_PROGRAM);
        }
    }

    @Test
    void theEstimateIsWithinTwiceWhatRe2jBuilds() {
        for (String re : List.of("a{1000}", "(ab|cd){500}", "[0-9]{1,3}(\\.[0-9]{1,3}){3}", "^arn:aws:iam::\\d{12}:root$",
                "(?i)(a|b|c)+x{5,9}", "((a|b){5}c){20}", "x{2,1000}", "[a-z]{1000}", "(a{100}){10}")) {
            long estimate = Regexes.check(re);
            int actual = Pattern.compile(re).programSize();
            assertThat(estimate).as(re).isBetween(actual / 2L, actual * 2L);
        }
        assertThatThrownBy(() -> Regexes.compile("(")).isInstanceOf(PatternSyntaxException.class);
    }
}
