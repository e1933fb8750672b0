package io.trailhound.core.posture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailhound.core.inputfile.InputFormatException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Credential reports that are not what they claim: each is an error naming the file and the line, never a quiet answer. */
class CredentialReportBadInputTest {
    @TempDir
    Path tmp;

    /** The report with one column left out of the header and of every row. */
    private static String without(String column, Reports report) {
        String[] lines = report.csv().split("\n");
        int index = java.util.Arrays.asList(lines[0].split(",", -1)).indexOf(column);
        StringBuilder out = new StringBuilder();
        for (String line : lines) {
            java.util.List<String> cells = new java.util.ArrayList<>(java.util.Arrays.asList(line.split(",", -1)));
            cells.remove(index);
            out.append(String.join(",", cells)).append('\n');
        }
        return out.toString();
    }

    @Test
    void aReportWithoutTheMfaColumnIsRefusedNotReadAsNoMfa() {
        String csv = without("mfa_active", Reports.report().user("alice", "password_enabled", "true"));
        assertThatThrownBy(() -> CredentialReportParser.parseCsv("r.csv", csv, null)).isInstanceOf(InputFormatException.class)
                .hasMessageStartingWith("r.csv:1: ").hasMessageContaining("lacks required column mfa_active");
    }

    @Test
    void everyRequiredColumnIsRequiredAndTheLaterLastUsedColumnsAreNot() throws Exception {
        for (String column : CredentialReportParser.REQUIRED) {
            String csv = without(column, Reports.report().user("alice"));
            assertThatThrownBy(() -> CredentialReportParser.parseCsv("r.csv", csv, null))
                    .hasMessageStartingWith("r.csv:1: ").hasMessageContaining(column);
        }
        String csv = without("access_key_1_last_used_date", Reports.report().user("alice", "access_key_1_active", "true",
                "access_key_1_last_rotated", "2026-01-01T00:00:00+00:00"));
        CredentialReportRow alice = CredentialReportParser.parseCsv("r.csv", csv, null).rows().get(0);
        assertThat(alice.key1().active()).isTrue();
        assertThat(alice.key1().lastUsed()).isNull();
    }

    @Test
    void anEmptyCellIsBadInputNamingItsLineAndColumnWhileSentinelsStayValid() throws Exception {
        for (String column : new String[] {"password_enabled", "user_creation_time", "mfa_active", "access_key_1_active",
            "access_key_2_last_rotated", "password_last_used", "access_key_1_last_used_date", "user", "arn"}) {
            String csv = Reports.report().user("a").user("b", column, "").csv();
            assertThatThrownBy(() -> CredentialReportParser.parseCsv("r.csv", csv, null)).as(column)
                    .hasMessageStartingWith("r.csv:3: ").hasMessageContaining("column " + column + " is empty");
        }
        CredentialReport ok = Reports.report().user("<root_account>", "password_last_used", "no_information",
                "password_last_changed", "not_supported").user("b", "password_enabled", "not_supported",
                "access_key_1_last_used_date", "N/A").parse();
        assertThat(ok.rows()).hasSize(2);
        assertThat(ok.rows().get(1).passwordEnabled()).isNull();
    }

    @Test
    void aColumnTwiceOrWithoutANameInTheHeaderIsRefusedAtLineOne() {
        String twice = Reports.HEADER + ",mfa_active\n" + Reports.report().user("a").csv().split("\n")[1] + ",true\n";
        assertThatThrownBy(() -> CredentialReportParser.parseCsv("r.csv", twice, null))
                .hasMessageStartingWith("r.csv:1: ").hasMessageContaining("column mfa_active twice");
        String unnamed = Reports.HEADER + ",\n" + Reports.report().user("a").csv().split("\n")[1] + ",x\n";
        assertThatThrownBy(() -> CredentialReportParser.parseCsv("r.csv", unnamed, null)).isInstanceOf(InputFormatException.class)
                .hasMessageStartingWith("r.csv:1: ").hasMessageContaining("header");
        assertThatThrownBy(() -> CredentialReportParser.parseCsv("r.csv", "user,\"arn\n", null)).isInstanceOf(InputFormatException.class)
                .hasMessageStartingWith("r.csv:1: ");
    }

    @Test
    void anUnterminatedQuoteNamesTheLineItStartsOnPastBlankLines() {
        String[] rows = Reports.report().user("a").user("b").csv().split("\n");
        // header, a, blank, blank, then a row whose first field opens a quote never closed
        String csv = rows[0] + "\n" + rows[1] + "\n\n\n\"" + rows[2] + "\n";
        assertThatThrownBy(() -> CredentialReportParser.parseCsv("r.csv", csv, null)).isInstanceOf(InputFormatException.class)
                .hasMessageStartingWith("r.csv:5: ").hasMessageContaining("not valid CSV");
    }

    @Test
    void rowLinesCountBlankLinesAndQuotedLineBreaks() throws Exception {
        String[] rows = Reports.report().user("a").user("b").user("c").csv().split("\n");
        String csv = rows[0] + "\n\n" + rows[1] + "\r\n\r\n" + rows[2].replaceFirst("^b,", "\"b\nb\",") + "\n\n" + rows[3] + "\n";
        assertThat(CredentialReportParser.parseCsv("r.csv", csv, null).rows()).extracting(CredentialReportRow::line)
                .containsExactly(3L, 5L, 8L);
    }

    @Test
    void invalidUtf8NamesTheLineAndByteNotAnInputLength() throws Exception {
        byte[] good = Reports.report().user("a").user("b").csv().getBytes(StandardCharsets.UTF_8);
        int secondRow = Reports.HEADER.length() + 1 + Reports.report().user("a").csv().split("\n")[1].length() + 1;
        for (byte[] bad : new byte[][] {{(byte) 0xE9}, {(byte) 0xC0, (byte) 0x80}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(good, 0, secondRow);
            out.write(bad);
            out.write(good, secondRow, good.length - secondRow);
            Path f = tmp.resolve("credential-report.csv");
            Files.write(f, out.toByteArray());
            assertThatThrownBy(() -> CredentialReportParser.read(f)).isInstanceOf(InputFormatException.class)
                    .hasMessage(f + ":3: invalid UTF-8 at byte " + secondRow + String.format(" (0x%02X)", bad[0] & 0xff));
        }
    }

    @Test
    void aTimeOutsideTheYearsAReportCanHoldIsBadInput() {
        for (String t : new String[] {"+300000-01-01T00:00:00+00:00", "+999999999-01-01T00:00:00+00:00", "0001-01-01T00:00:00Z"}) {
            String csv = Reports.report().user("a", "access_key_1_last_used_date", t).csv();
            assertThatThrownBy(() -> CredentialReportParser.parseCsv("r.csv", csv, null))
                    .hasMessageStartingWith("r.csv:2: ").hasMessageContaining("access_key_1_last_used_date");
        }
    }

    private Path json(String text) throws Exception {
        Path f = tmp.resolve("credential-report.json");
        Files.writeString(f, text);
        return f;
    }

    private static String base64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }

    @Test
    void theJsonFormNamesTheJsonLocationOfABadValue() throws Exception {
        String content = base64(Reports.report().user("a").csv().getBytes(StandardCharsets.UTF_8));
        for (String generated : new String[] {"\"\"", "\"N/A\"", "5", "null", "\"+300000-01-01T00:00:00Z\""}) {
            Path f = json("{\n  \"Content\": \"" + content + "\",\n  \"GeneratedTime\": " + generated + "\n}");
            assertThatThrownBy(() -> CredentialReportParser.read(f)).as(generated)
                    .hasMessageStartingWith(f + ":3:20: /GeneratedTime: ");
        }
        Path notText = json("{\n\"Content\": 5}");
        assertThatThrownBy(() -> CredentialReportParser.read(notText)).hasMessageStartingWith(notText + ":2:12: /Content: ");
        Path twice = json("{\"Content\":\"" + content + "\",\n\"Content\":\"" + content + "\"}");
        assertThatThrownBy(() -> CredentialReportParser.read(twice)).hasMessageStartingWith(twice + ":2:")
                .hasMessageContaining("Duplicate field 'Content'");
        Path deep = json("{\"Content\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}");
        assertThatThrownBy(() -> CredentialReportParser.read(deep)).isInstanceOf(InputFormatException.class)
                .hasMessageStartingWith(deep + ":1:").hasMessageContaining("nesting depth");
    }

    @Test
    void invalidUtf8InsideTheBase64ContentNamesTheLineOfTheDecodedReport() throws Exception {
        byte[] csv = (Reports.HEADER + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] withBad = java.util.Arrays.copyOf(csv, csv.length + 2);
        withBad[csv.length] = 'b';
        withBad[csv.length + 1] = (byte) 0xFF;
        Path f = json("{\"Content\":\"" + base64(withBad) + "\",\"GeneratedTime\":\"2026-11-02T10:00:00+00:00\"}");
        assertThatThrownBy(() -> CredentialReportParser.read(f))
                .hasMessage(f + " (Content):2: invalid UTF-8 at byte " + (csv.length + 1) + " (0xFF)");
        Path good = json("{\"Content\":\"" + base64(csv) + "\",\"GeneratedTime\":\"2026-11-02T10:00:00+00:00\"}");
        assertThat(CredentialReportParser.read(good).generatedTime()).isEqualTo(Instant.parse("2026-11-02T10:00:00Z"));
    }
}
