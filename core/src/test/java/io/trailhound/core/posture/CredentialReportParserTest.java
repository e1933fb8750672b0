package io.trailhound.core.posture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailhound.core.inputfile.InputFormatException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialReportParserTest {
    /** The required columns only. */
    private static final String MINIMAL_HEADER = String.join(",", CredentialReportParser.REQUIRED);

    @TempDir
    Path tmp;

    @Test
    void sentinelsAreNoTimestampAndRootPasswordIsUnknownNotFalse() throws Exception {
        CredentialReport r = Reports.report()
                .user("<root_account>", "password_last_used", "no_information", "password_last_changed", "not_supported", "mfa_active", "true")
                .user("alice", "password_enabled", "TRUE", "password_last_used", "N/A", "access_key_1_active", "true",
                        "access_key_1_last_rotated", "2026-01-10T09:00:00Z")
                .parse();
        CredentialReportRow root = r.rows().get(0), alice = r.rows().get(1);
        assertThat(root.isRoot()).isTrue();
        assertThat(root.passwordEnabled()).isNull();
        assertThat(root.passwordLastUsed()).isNull();
        assertThat(root.mfaActive()).isTrue();
        assertThat(alice.hasPassword()).isTrue();
        assertThat(alice.key1().lastRotated()).isEqualTo(Instant.parse("2026-01-10T09:00:00Z"));
        assertThat(alice.key1().lastUsed()).isNull();
        assertThat(alice.key2().active()).isFalse();
        assertThat(r.accountId()).contains(Reports.ACCOUNT);
        assertThat(alice.line()).isEqualTo(3);
    }

    @Test
    void anOlderReportMissingColumnsReadsThemAsAbsent() throws Exception {
        // the columns AWS added later (last used) are missing; the required ones are there
        String csv = MINIMAL_HEADER + "\n"
                + "bob,arn:aws:iam::111122223333:user/bob,2024-01-01T00:00:00+00:00,true,false,true,2024-01-01T00:00:05+00:00,"
                + "false,N/A\n";
        CredentialReportRow bob = CredentialReportParser.parseCsv("old.csv", csv, null).rows().get(0);
        assertThat(bob.passwordLastUsed()).isNull();
        assertThat(bob.passwordLastChanged()).isNull();
        assertThat(bob.key1().active()).isTrue();
        assertThat(bob.key1().lastUsed()).isNull();
        assertThat(bob.key2()).isEqualTo(CredentialReportRow.AccessKey.absent(2));
    }

    @Test
    void aByteOrderMarkAndTrailingBlankLinesAreHarmless(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
            throws Exception {
        java.nio.file.Path f = tmp.resolve("saved.csv");
        java.nio.file.Files.writeString(f, "\uFEFF" + MINIMAL_HEADER + "\n"
                + "bob,arn:aws:iam::111122223333:user/bob,2024-01-01T00:00:00+00:00,true,false,false,N/A,false,N/A\n\n\n");
        assertThat(CredentialReportParser.read(f).rows()).extracting(CredentialReportRow::user).containsExactly("bob");
    }

    @Test
    void aQuotedUserNameWithACommaIsOneField() throws Exception {
        String csv = MINIMAL_HEADER + "\n"
                + "\"ops,admin\",\"arn:aws:iam::111122223333:user/ops,admin\",2024-01-01T00:00:00+00:00,false,false,false,N/A,false,N/A";
        assertThat(CredentialReportParser.parseCsv("q.csv", csv, null).rows().get(0).user()).isEqualTo("ops,admin");
    }

    @Test
    void theJsonOfGetCredentialReportGivesTheGenerationTime() throws Exception {
        String content = Base64.getEncoder().encodeToString(Reports.report().user("alice").csv().getBytes(StandardCharsets.UTF_8));
        Path f = tmp.resolve("credential-report.json");
        Files.writeString(f, "{\"Content\":\"" + content + "\",\"ReportFormat\":\"text/csv\",\"GeneratedTime\":\"2026-11-02T10:00:00+00:00\"}");
        CredentialReport r = CredentialReportParser.read(f);
        assertThat(r.generatedTime()).isEqualTo(Instant.parse("2026-11-02T10:00:00Z"));
        assertThat(r.asOf()).contains(Instant.parse("2026-11-02T10:00:00Z"));
        assertThat(r.rows()).extracting(CredentialReportRow::user).containsExactly("alice");
    }

    @Test
    void withoutAGenerationTimeTheNewestTimestampDatesTheReport() throws Exception {
        CredentialReport r = Reports.report().user("a", "access_key_1_last_used_date", "2026-10-30T08:00:00+00:00").parse();
        assertThat(r.asOf()).contains(Instant.parse("2026-10-30T08:00:00Z"));
    }

    @Test
    void aBadTimestampNamesTheFileTheLineAndTheColumn() {
        String csv = Reports.report().user("a").user("b", "user_creation_time", "yesterday").csv();
        assertThatThrownBy(() -> CredentialReportParser.parseCsv("r.csv", csv, null))
                .isInstanceOf(InputFormatException.class)
                .hasMessageContaining("r.csv:3").hasMessageContaining("user_creation_time").hasMessageContaining("yesterday");
    }

    @Test
    void aFileThatIsNotAReportIsAClearError() throws Exception {
        Path f = tmp.resolve("credential-report.csv");
        Files.writeString(f, "eventTime,eventName\n2026-01-01,ListBuckets\n");
        assertThatThrownBy(() -> CredentialReportParser.read(f)).hasMessageContaining(f.toString()).hasMessageContaining(":1")
                .hasMessageContaining("not an IAM credential report");
        Files.writeString(f, Reports.HEADER + "\na,b,c\n");
        assertThatThrownBy(() -> CredentialReportParser.read(f)).hasMessageContaining(f + ":2").hasMessageContaining("3 fields");
        Path j = tmp.resolve("credential-report.json");
        Files.writeString(j, "{\"Content\":\"***\"}");
        assertThatThrownBy(() -> CredentialReportParser.read(j)).hasMessageContaining("not base64");
    }
}
