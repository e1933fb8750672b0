package io.trailhound.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AWS options on scan, audit and watch: misuse is a usage error (exit 2) that says what to do,
 * before any AWS call. The calls themselves are tested against S3Proxy, ElasticMQ and a local IAM
 * server in the aws module.
 */
class AwsCommandsUsageTest {
    @TempDir
    Path tmp;

    @Test
    void s3FiltersWithoutAnS3LocationAreAUsageError() throws Exception {
        Path log = Files.writeString(tmp.resolve("a.json"), "{\"Records\":[]}");
        CliRun r = CliRun.of("scan", log.toString(), "--accounts", "111122223333");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
        assertThat(r.err()).contains("apply to s3:// locations");
    }

    @Test
    void aBadAccountIdIsAUsageError() {
        CliRun r = CliRun.of("scan", "s3://bucket/AWSLogs/", "--accounts", "12345", "--endpoint-url", "http://127.0.0.1:9");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
        assertThat(r.err()).contains("--accounts").contains("12-digit");
    }

    @Test
    void auditNeedsAPathOrAws() {
        CliRun none = CliRun.of("audit");
        assertThat(none.exit()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
        assertThat(none.err()).contains("PATH is required (or --aws");
        CliRun both = CliRun.of("audit", tmp.toString(), "--aws");
        assertThat(both.exit()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
        assertThat(both.err()).contains("give no PATH");
        CliRun saveWithoutAws = CliRun.of("audit", tmp.toString(), "--save", tmp.resolve("s").toString());
        assertThat(saveWithoutAws.exit()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
        assertThat(saveWithoutAws.err()).contains("go with --aws");
    }

    @Test
    void watchChecksSqsLimitsBeforeStarting() {
        CliRun r = CliRun.of("watch", "--sqs", "http://127.0.0.1:9/000000000000/q", "--max-messages", "11",
                "--db", tmp.resolve("w.duckdb").toString());
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
        assertThat(r.err()).contains("--max-messages 1 to 10");
        CliRun noQueue = CliRun.of("watch");
        assertThat(noQueue.exit()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
        assertThat(noQueue.err()).contains("--sqs");
    }
}
