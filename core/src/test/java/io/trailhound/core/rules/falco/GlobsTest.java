package io.trailhound.core.rules.falco;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** fnmatch(3) without FNM_PATHNAME, as Falco's glob operator uses it, through RE2. */
class GlobsTest {
    private static boolean glob(String pattern, String value) {
        return Globs.compile(pattern, false).matches(value);
    }

    @Test
    void wildcardsAndBrackets() {
        assertThat(glob("*.sh", "/opt/x/run.sh")).isTrue();
        assertThat(glob("a?c", "abc")).isTrue();
        assertThat(glob("a?c", "ac")).isFalse();
        assertThat(glob("[a-c]x", "bx")).isTrue();
        assertThat(glob("[!a-c]x", "bx")).isFalse();
        assertThat(glob("[^a-c]x", "dx")).isTrue();
        assertThat(glob("[]]", "]")).isTrue();
        assertThat(glob("[", "[")).as("an unclosed bracket is literal").isTrue();
    }

    @Test
    void escapesAndRegexCharactersAreLiteral() {
        assertThat(glob("a\\*", "a*")).isTrue();
        assertThat(glob("a\\*", "ab")).isFalse();
        assertThat(glob("a.b+(c)", "a.b+(c)")).isTrue();
        assertThat(glob("a.b", "axb")).isFalse();
        assertThat(glob("*", "line1\nline2")).isTrue();
    }

    @Test
    void caseFoldingForIglob() {
        assertThat(Globs.compile("RUN*", true).matches("runInstances")).isTrue();
        assertThat(Globs.compile("RUN*", false).matches("runInstances")).isFalse();
    }

    @Test
    void posixClassesInsideBracketsAsFnmatchHasThem() {
        assertThat(glob("Get[[:upper:]]bject", "GetObject")).isTrue();
        assertThat(glob("Get[[:upper:]]bject", "Getobject")).isFalse();
        assertThat(glob("v[[:digit:][:space:]]", "v7")).isTrue();
        assertThat(glob("v[![:digit:]]", "v7")).isFalse();
    }
}
