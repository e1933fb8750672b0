package io.trailhound.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code scan --authorization-details} with a file that is not what it claims: exit 2, FILE:LINE:COLUMN, no stack trace. */
class ScanAuthorizationDetailsTest {
    @TempDir
    Path tmp;

    private CliRun scanWith(String details) throws IOException {
        Path logs = tmp.resolve("in.jsonl");
        Files.writeString(logs, ScanCommandTest.record(1, "ListUsers") + "\n");
        Path f = tmp.resolve("authorization-details.json");
        Files.writeString(f, details);
        return CliRun.of("scan", logs.toString(), "--authorization-details", f.toString(), "--no-progress");
    }

    private void refused(CliRun r, String where) {
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
        assertThat(r.err()).startsWith("trailhound: --authorization-details: " + tmp.resolve("authorization-details.json") + where)
                .doesNotContain("\tat ").doesNotContain("Exception");
    }

    @Test
    void deepNestingExitsTwoWithTheLineAndColumn() throws IOException {
        CliRun r = scanWith("{\"RoleDetailList\":\n" + "[".repeat(100_000) + "]".repeat(100_000) + "}");
        refused(r, ":2:");
        assertThat(r.err()).contains("nesting depth");
    }

    @Test
    void aRoleListOfTheWrongShapeExitsTwoWithTheLineAndColumn() throws IOException {
        refused(scanWith("{\"RoleDetailList\":\n5}"), ":2:1: /RoleDetailList: ");
    }
}
