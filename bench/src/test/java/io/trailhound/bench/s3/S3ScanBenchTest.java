package io.trailhound.bench.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The S3 bench rows end to end on a small organisation: generated, uploaded to S3Proxy in a child
 * JVM, scanned locally and over s3:// in rounds. The bench stops when the two scans see other records or alerts,
 * so a run that reports a ratio read every object over S3 as the local scan read its file.
 */
class S3ScanBenchTest {
    @Test
    void scansTheSameObjectsLocallyAndOverS3AndReportsMediansAndTheRatio(@TempDir Path cache) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            S3ScanBench.main(new String[] {"--events", "1000", "--repeats", "1", "--cache", cache.toString(), "--s3-threads", "2",
                "--sdk-threads", "2", "--list-first-threads", "2", "--unchecked-threads", "2"});
        } finally {
            System.setOut(stdout);
        }
        String report = out.toString(StandardCharsets.UTF_8);
        String number = "\\d+\\.\\d\\d";
        assertThat(report).contains("S3 scan bench: ").contains("(indexed store, child JVM)")
                // warmed up from a JVM of its own before the rounds, and the report says so
                .contains("S3Proxy warmed up with 6 GETs of every object on each port, from a JVM of its own")
                .contains("S3Proxy CPU: after its warm-up before the rounds (first line)")
                // row, median s, listing s, events/s, threads, vs local, scan CPU s, CPU vs local, S3Proxy CPU s, scan CPU per
                // object, local CPU over both processes' CPU
                .containsPattern("(?m)^local +\\d+\\.\\d{3} +\\d+\\.\\d{3} +[\\d,]+ +\\d+ +1\\.00x +" + number + " +1\\.00x +"
                        + number + " +\\d+ µs +" + number + "x$")
                .containsPattern("target for s3 >= 0\\.70x")
                .containsPattern("every row: [1-9]\\d* records")
                .containsPattern("listing s3://bench-trail/: [1-9]\\d* objects; s3: [1-9]\\d* prefixes listed in [1-9]\\d* calls");
        Matcher s3 = Pattern.compile("(?m)^s3 x2 +\\d+\\.\\d{3} +\\d+\\.\\d{3} +[\\d,]+ +2 +" + number + "x +(" + number + ") +"
                + number + "x +(" + number + ") +\\d+ µs +(" + number + ")x$").matcher(report);
        assertThat(s3.find()).as(report).isTrue();
        // both processes' CPU is counted, apart: the scan's own, and S3Proxy's in its child JVM
        assertThat(Double.parseDouble(s3.group(1))).isPositive();
        assertThat(Double.parseDouble(s3.group(2))).isPositive();
        assertThat(Double.parseDouble(s3.group(3))).isPositive();
        // the yardstick row (every call through the SDK's pipeline) read the same records and alerts, or the bench had stopped
        assertThat(report).containsPattern("(?m)^sdk x2 +\\d+\\.\\d{3} ");
        // the whole listing before reading, as before reading went beside it: the same records and alerts too
        assertThat(report).containsPattern("(?m)^lf x2 +\\d+\\.\\d{3} ");
        // signed requests to the port that does not check signatures: the same records and alerts too
        assertThat(report).containsPattern("(?m)^s3na x2 +\\d+\\.\\d{3} ").contains("s3na rows: ");
    }
}
