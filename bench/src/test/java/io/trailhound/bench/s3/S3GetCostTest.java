package io.trailhound.bench.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.aws.s3.S3Clients;
import io.trailhound.cli.bench.BenchDataset;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The GET cost harness on a small dataset: every object read over S3 through both ports, each
 * round, with both processes' CPU per GET; and the same GETs against an endpoint already started
 * and filled, as the S3 bench warms its endpoint up.
 */
class S3GetCostTest {
    private static final Pattern ROW = Pattern.compile(
            "(?m)^(warm-up|round 1) +(s3|s3na) +(\\d+) GETs +(\\d+\\.\\d) MB +\\d+\\.\\d{3} s +client +(\\d+\\.\\d) µs/GET +S3Proxy +(\\d+\\.\\d) µs/GET");

    @Test
    void readsEveryObjectThroughBothPortsAndCountsBothSidesCpu(@TempDir Path cache) throws Exception {
        String report = run("--events", "1000", "--cache", cache.toString(), "--rounds", "1", "--unchecked", "--threads", "2");
        assertThat(report).contains("GET cost: ").contains(" objects, 2 threads");
        int objects = Integer.parseInt(report.replaceAll("(?s).*GET cost: (\\d+) objects.*", "$1"));
        Matcher m = ROW.matcher(report);
        int rows = 0;
        while (m.find()) {
            rows++;
            assertThat(Integer.parseInt(m.group(3))).as(m.group()).isEqualTo(objects);
            assertThat(Double.parseDouble(m.group(4))).as(m.group()).isPositive();
            assertThat(Double.parseDouble(m.group(5))).as(m.group()).isPositive();
            assertThat(Double.parseDouble(m.group(6))).as(m.group()).isPositive();
        }
        assertThat(rows).as(report).isEqualTo(4); // warm-up and round 1, each through both ports
    }

    @Test
    void warmsAnEndpointThatIsAlreadyFilled(@TempDir Path cache) throws Exception {
        try (EndpointProcess s3 = new EndpointProcess(List.of("indexed"), List.of(), true)) {
            try (S3Client client = S3Clients.create(s3.settings())) {
                S3ScanBench.upload(client, BenchDataset.obtain(cache, 1000, 42, line -> { }));
            }
            double before = s3.cpuSeconds();
            String report = run("--endpoint", s3.endpoint(), "--unchecked-endpoint", s3.uncheckedEndpoint(),
                    "--endpoint-pid", Long.toString(s3.pid()), "--rounds", "0");
            Matcher m = ROW.matcher(report);
            assertThat(m.find()).as(report).isTrue();
            assertThat(m.group(2)).isEqualTo("s3");
            assertThat(Integer.parseInt(m.group(3))).isPositive();
            assertThat(Double.parseDouble(m.group(6))).as("the endpoint's own CPU, read by its pid").isPositive();
            assertThat(m.find()).as(report).isTrue();
            assertThat(m.group(2)).isEqualTo("s3na");
            assertThat(s3.cpuSeconds()).isGreaterThan(before);
        }
    }

    private static String run(String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            S3GetCost.main(args);
        } finally {
            System.setOut(stdout);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
