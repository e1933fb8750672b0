package io.trailhound.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code flink run}'s program arguments: scan's rule choices, the job's time and sink options, errors that name the option. */
class JobOptionsTest {
    @Test
    void parsesRulesTimeAndSinks() {
        JobOptions o = JobOptions.parse("--rules", "falco:f.yaml", "--rules", "sigma:s", "--no-builtin", "--monitor", "1m",
                "--attribution-wait", "PT20M", "--out-of-orderness", "15m", "--parallelism", "4", "--checkpoint-dir",
                "s3://b/ck", "--alerts", "s3://b/alerts", "--events", "s3://b/events", "s3://trail/AWSLogs", "/local/logs");
        assertThat(o.rules).containsExactly("falco:f.yaml", "sigma:s");
        assertThat(o.builtin).isFalse();
        assertThat(o.monitorInterval).isEqualTo(Duration.ofMinutes(1));
        assertThat(o.attributionWait).isEqualTo(Duration.ofMinutes(20));
        assertThat(o.watermarks()).isTrue();
        assertThat(o.parallelism).isEqualTo(4);
        assertThat(o.paths).containsExactly("s3://trail/AWSLogs", "/local/logs");
        assertThat(JobOptions.parse("logs").watermarks()).as("a backfill decides at its end").isFalse();
        assertThat(JobOptions.parse("--no-decide-at-end", "logs").watermarks()).isTrue();
    }

    @Test
    void errorsNameTheOption() {
        assertThatThrownBy(() -> JobOptions.parse("--monitor", "soon", "logs")).hasMessageContaining("--monitor");
        assertThatThrownBy(() -> JobOptions.parse("--parallelism", "0", "logs")).hasMessageContaining("--parallelism");
        assertThatThrownBy(() -> JobOptions.parse("--frobnicate", "x", "logs")).hasMessageContaining("--frobnicate");
        assertThatThrownBy(() -> JobOptions.parse("--rules")).hasMessageContaining("--rules needs a value");
        assertThatThrownBy(() -> JobOptions.parse("--no-builtin")).hasMessageContaining("no PATH");
    }
}
