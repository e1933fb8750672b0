package io.trailhound.bench.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The S3 bench row end to end on a small organisation: generated, uploaded to S3Proxy, scanned
 * locally and over s3:// in rounds. The bench stops when the two scans see other records or alerts,
 * so a run that reports a ratio read every object over S3 as the local scan read its file.
 */
class S3ScanBenchTest {
    @Test
    void scansTheSameObjectsLocallyAndOverS3AndReportsMediansAndTheRatio(@TempDir Path cache) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            S3ScanBench.main(new String[] {"--events", "1000", "--repeats", "1", "--cache", cache.toString(), "--s3-threads", "2"});
        } finally {
            System.setOut(stdout);
        }
        String report = out.toString(StandardCharsets.UTF_8);
        assertThat(report).contains("S3 scan bench: ").containsPattern("(?m)^local +\\d+\\.\\d{3} +[\\d,]+ +\\d+$")
                .containsPattern("(?m)^s3 +\\d+\\.\\d{3} +[\\d,]+ +2$")
                .containsPattern("ratio s3/local \\(events/s\\): \\d+\\.\\d\\dx")
                .containsPattern("both rows: [1-9]\\d* records")
                .containsPattern("listing s3://bench-trail/ alone: [1-9]\\d* objects");
    }
}
