package io.trailhound.core.inputfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonPointer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonInputTest {
    private static final String DOC = "{\n  \"a\": {\"b\": [1, {\"c\": \"x\"}, [true]]},\n  \"d\": null\n}";

    @Test
    void anErrorNamesWhereTheValueStarts() throws Exception {
        JsonInput in = JsonInput.parse("f.json", DOC);
        assertThat(in.error(JsonPointer.compile("/a"), "m")).hasMessage("f.json:2:8: /a: m");
        assertThat(in.error(JsonPointer.compile("/a/b"), "m")).hasMessage("f.json:2:14: /a/b: m");
        assertThat(in.error(JsonPointer.compile("/a/b/0"), "m")).hasMessage("f.json:2:15: /a/b/0: m");
        assertThat(in.error(JsonPointer.compile("/a/b/1"), "m")).hasMessage("f.json:2:18: /a/b/1: m");
        assertThat(in.error(JsonPointer.compile("/a/b/1/c"), "m")).hasMessage("f.json:2:24: /a/b/1/c: m");
        assertThat(in.error(JsonPointer.compile("/a/b/2/0"), "m")).hasMessage("f.json:2:31: /a/b/2/0: m");
        assertThat(in.error(JsonPointer.compile("/d"), "m")).hasMessage("f.json:3:8: /d: m");
        assertThat(in.error(JsonPointer.compile("/nowhere"), "m")).hasMessage("f.json: /nowhere: m");
    }

    @Test
    void whatJacksonWouldAcceptOrReportWithoutALocationIsAnErrorWithOne() {
        assertThatThrownBy(() -> JsonInput.parse("f.json", "{\"a\":\n" + "{\"a\":".repeat(2_000) + "1" + "}".repeat(2_001)))
                .hasMessageStartingWith("f.json:2:").hasMessageContaining("nesting depth");
        assertThatThrownBy(() -> JsonInput.parse("f.json", "{\"a\":" + "9".repeat(5_000) + "}"))
                .hasMessageStartingWith("f.json:1:").hasMessageContaining("Number value length");
        assertThatThrownBy(() -> JsonInput.parse("f.json", "{\"" + "k".repeat(100_000) + "\":1}"))
                .hasMessageStartingWith("f.json:1:").hasMessageContaining("Name length");
        assertThatThrownBy(() -> JsonInput.parse("f.json", "{\"a\":1,\"a\":2}")).hasMessageStartingWith("f.json:1:");
        assertThatThrownBy(() -> JsonInput.parse("f.json", "{\"a\":1} x")).hasMessageStartingWith("f.json:1:");
        assertThatThrownBy(() -> JsonInput.parse("f.json", "{}\n[]")).hasMessage("f.json:2:1: more content after the JSON document");
        assertThatThrownBy(() -> JsonInput.parse("f.json", " \n")).hasMessage("f.json: empty: no JSON document");
    }

    @Test
    void aValueIsShownCutShort() throws Exception {
        assertThat(JsonInput.shown(JsonInput.parse("f", "\"" + "x".repeat(500) + "\"").root())).hasSize(60).endsWith("...");
        assertThat(JsonInput.shown(JsonInput.parse("f", "\"a\\u001bb\"").root())).isEqualTo("\"a\\u001Bb\"");
    }

    @Test
    void invalidUtf8IsAnErrorWithLineAndByteAndAByteOrderMarkIsDropped() throws Exception {
        byte[] overlong = "{\n\"a\":\"\u00c0\u0080\"}".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> InputText.decode("f.json", overlong)).isInstanceOf(InputFormatException.class)
                .hasMessage("f.json:2: invalid UTF-8 at byte 7 (0xC0)");
        byte[] truncated = {'{', '"', 'a', (byte) 0xC3};
        assertThatThrownBy(() -> InputText.decode("f.json", truncated)).hasMessage("f.json:1: invalid UTF-8 at byte 3 (0xC3)");
        assertThat(InputText.decode("f", "\uFEFF{}".getBytes(StandardCharsets.UTF_8))).isEqualTo("{}");
        assertThat(InputText.decode("f", "é".getBytes(StandardCharsets.UTF_8))).isEqualTo("é");
    }
}
