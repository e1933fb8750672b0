package io.trailhound.synth;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Writes one record per line into {@code events-<yyyy-mm-dd>.jsonl}, a file per day (by window start). */
final class JsonlSink implements LogSink {
    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final Path logsRoot;
    private String windowDay;
    private String openDay;
    private CountingOutputStream counter;
    private BufferedOutputStream out;
    private int files;
    private long bytes;

    JsonlSink(Path logsRoot) {
        this.logsRoot = logsRoot;
    }

    @Override
    public void beginWindow(long windowStartMillis) {
        windowDay = DAY.format(Instant.ofEpochMilli(windowStartMillis));
    }

    @Override
    public void write(Account account, AwsRegion region, byte[] record, int len) throws IOException {
        if (!windowDay.equals(openDay)) {
            closeFile();
            Files.createDirectories(logsRoot);
            counter = new CountingOutputStream(Files.newOutputStream(logsRoot.resolve("events-" + windowDay + ".jsonl")));
            out = new BufferedOutputStream(counter, 256 * 1024);
            openDay = windowDay;
            files++;
        }
        out.write(record, 0, len);
        out.write('\n');
    }

    @Override
    public void endWindow() {
        // day files stay open across windows
    }

    private void closeFile() throws IOException {
        if (out != null) {
            out.close();
            bytes += counter.count;
            out = null;
            openDay = null;
        }
    }

    @Override
    public int files() {
        return files;
    }

    @Override
    public long bytes() {
        return bytes;
    }

    @Override
    public void close() throws IOException {
        closeFile();
    }
}
