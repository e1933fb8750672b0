package io.trailhound.core.identity;

import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.ingest.BadRecord;
import io.trailhound.core.ingest.InputSource;
import io.trailhound.core.ingest.ReadLimits;
import io.trailhound.core.ingest.RecordHandler;
import io.trailhound.core.ingest.RecordReader;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * A CPU harness, not a test: in one thread, decodes every file of a dataset and attributes each
 * file's events right after decoding them (while they are in the cache, as in a scan), and prints
 * the thread's CPU time spent attributing, per event: what attribution costs, without the
 * decoder's cost or the machine's other load in the number. For measuring changes to attribution on
 * the bench's external-keys datasets. Usage: {@code AttributorCpuHarness LOGS [ROUNDS]}.
 */
public final class AttributorCpuHarness {
    private AttributorCpuHarness() {
    }

    public static void main(String[] args) throws IOException {
        List<byte[]> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(Path.of(args[0]))) {
            for (Path f : walk.filter(Files::isRegularFile).sorted().toList()) {
                files.add(Files.readAllBytes(f));
            }
        }
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 9;
        long[] cpu = new long[rounds];
        long[] events = new long[1];
        for (int i = -3; i < rounds; i++) {
            System.gc();
            long used = round(files, events);
            if (i >= 0) {
                cpu[i] = used;
            }
        }
        Arrays.sort(cpu);
        System.out.printf("%d events: attribution %.0f ns an event (median of %d rounds; fastest %.0f, slowest %.0f)%n", events[0],
                (double) cpu[rounds / 2] / events[0], rounds, (double) cpu[0] / events[0], (double) cpu[rounds - 1] / events[0]);
    }

    /**
     * Decodes each file and attributes its events right after (as a reading thread does, while they
     * are in its cache); returns the thread's CPU time spent attributing, finish included.
     */
    private static long round(List<byte[]> files, long[] count) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        List<CloudTrailEvent> events = new ArrayList<>();
        RecordHandler collect = new RecordHandler() {
            @Override
            public void event(CloudTrailEvent e) {
                events.add(e);
            }

            @Override
            public void bad(BadRecord b) {
            }
        };
        RecordReader reader = new RecordReader(ReadLimits.defaults());
        long n = 0;
        long cpu = 0;
        try (Attributor a = new Attributor()) {
            for (byte[] f : files) {
                events.clear();
                reader.read(InputSource.bytes("f.json.gz", f), collect);
                n += events.size();
                long before = threads.getCurrentThreadCpuTime();
                for (CloudTrailEvent e : events) {
                    a.accept(e, a.prepare(e));
                }
                cpu += threads.getCurrentThreadCpuTime() - before;
            }
            long before = threads.getCurrentThreadCpuTime();
            a.finish();
            cpu += threads.getCurrentThreadCpuTime() - before;
        }
        count[0] = n;
        return cpu;
    }
}
