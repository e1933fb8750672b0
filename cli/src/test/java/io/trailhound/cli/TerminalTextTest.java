package io.trailhound.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TerminalTextTest {
    @Test
    void controlAndBidiCharactersAreShownNotInterpreted() {
        assertThat(TerminalText.escape("ok text")).isEqualTo("ok text");
        assertThat(TerminalText.escape("a\u001b[2Jb")).isEqualTo("a\\u001b[2Jb");
        assertThat(TerminalText.escape("x\r\ny")).isEqualTo("x\\u000d\\u000ay");
        assertThat(TerminalText.escape("evil\u202Etxt.exe")).isEqualTo("evil\\u202etxt.exe");
        assertThat(TerminalText.escape("\u009b31m")).isEqualTo("\\u009b31m");
        assertThat(TerminalText.escape(null)).isEmpty();
        // a log field holding a backslash, then "u001b", must not read like an escaped ESC
        assertThat(TerminalText.escape("a\\u001b")).isEqualTo("a\\\\u001b");
        assertThat(TerminalText.escape("x\u061cy\u2028z")).isEqualTo("x\\u061cy\\u2028z");
    }
}
