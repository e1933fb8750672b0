package io.trailhound.bench.jmh;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.event.CloudTrailEventDecoder;
import io.trailhound.core.ingest.BadRecord;
import io.trailhound.core.ingest.InputSource;
import io.trailhound.core.ingest.ReadLimits;
import io.trailhound.core.ingest.RecordHandler;
import io.trailhound.core.ingest.RecordReader;
import io.trailhound.synth.GeneratorConfig;
import io.trailhound.synth.OrgGenerator;
import io.trailhound.synth.OutputLayout;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Cost of one CloudTrail record, in memory (no gzip, no files): a batch of {@value #RECORDS}
 * generated records, each its own byte array, read by
 * <ul>
 *   <li>{@code tokenize}: Jackson's parser stepping over every token, building nothing (the floor);</li>
 *   <li>{@code decode}: core's {@link CloudTrailEventDecoder} (hot fields typed, the rest skipped);</li>
 *   <li>{@code readTree}: Jackson {@code ObjectMapper.readTree}, the naive whole-tree approach;</li>
 *   <li>{@code recordReader}: core's {@link RecordReader} over the same records wrapped as one
 *       {@code {"Records":[...]}} input: the decoder plus capture of each record's raw bytes,
 *       positions and the shape/error handling around it.</li>
 * </ul>
 * Scores are records per second (one operation = one record).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class DecodeBenchmark {
    /** Records in the batch: exact, since every benchmark reports ops per record. */
    public static final int RECORDS = 2048;

    private final JsonFactory json = new JsonFactory();
    private final ObjectMapper mapper = new ObjectMapper();
    private final CloudTrailEventDecoder decoder = new CloudTrailEventDecoder();
    private final RecordReader reader = new RecordReader(ReadLimits.defaults());

    private byte[][] records;
    private InputSource wrapped;
    private long inflatedBytes;

    @Setup(Level.Trial)
    public void generate() throws IOException {
        records = generatedRecords(RECORDS, 42);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.write("{\"Records\":[".getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < records.length; i++) {
            if (i > 0) {
                all.write(',');
            }
            all.write(records[i]);
            inflatedBytes += records[i].length;
        }
        all.write("]}".getBytes(StandardCharsets.UTF_8));
        wrapped = InputSource.bytes("batch", all.toByteArray());
    }

    /**
     * Exactly {@code count} records from the synthetic organisation generator (JSON Lines layout,
     * written to a temporary folder that is deleted again), each as its UTF-8 bytes.
     */
    public static byte[][] generatedRecords(int count, long seed) throws IOException {
        Path dir = Files.createTempDirectory("trailhound-jmh-");
        try {
            // The generator writes about the number asked for; ask for more and keep the first count.
            GeneratorConfig config = new GeneratorConfig(seed, 4, 20, 1, Math.max(1000, count + count / 2),
                    GeneratorConfig.DEFAULT_START, OutputLayout.JSONL, dir);
            Path logs = new OrgGenerator(config).generate(n -> { }).logsRoot();
            List<byte[]> out = new ArrayList<>(count);
            List<Path> files;
            try (Stream<Path> walk = Files.walk(logs)) {
                files = walk.filter(Files::isRegularFile).sorted().toList();
            }
            for (Path f : files) {
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    if (!line.isBlank() && out.size() < count) {
                        out.add(line.getBytes(StandardCharsets.UTF_8));
                    }
                }
            }
            if (out.size() < count) {
                throw new IllegalStateException("the generator wrote " + out.size() + " records, fewer than " + count);
            }
            return out.toArray(new byte[0][]);
        } finally {
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** Mean record size, for turning records/s into MB/s. */
    public long meanRecordBytes() {
        return inflatedBytes / RECORDS;
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public void tokenize(Blackhole bh) throws IOException {
        for (byte[] r : records) {
            try (JsonParser p = json.createParser(r)) {
                int tokens = 0;
                while (p.nextToken() != null) {
                    tokens++;
                }
                bh.consume(tokens);
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public void decode(Blackhole bh) throws IOException {
        for (byte[] r : records) {
            try (JsonParser p = json.createParser(r)) {
                p.nextToken(); // START_OBJECT
                bh.consume(decoder.decode(p, null));
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public void readTree(Blackhole bh) throws IOException {
        for (byte[] r : records) {
            bh.consume(mapper.readTree(r));
        }
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public void recordReader(Blackhole bh) {
        reader.read(wrapped, new RecordHandler() {
            @Override
            public void event(CloudTrailEvent event) {
                bh.consume(event);
            }

            @Override
            public void bad(BadRecord bad) {
                throw new IllegalStateException("generated record was bad: " + bad);
            }
        });
    }
}
