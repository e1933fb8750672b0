package io.trailhound.synth;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Writes records the way an organisation trail delivers them to S3: per account, region and
 * five-minute window one gzip file {@code {"Records":[...]}} under
 * {@code AWSLogs/<org-id>/<account>/CloudTrail/<region>/<yyyy>/<mm>/<dd>/}. Only the current
 * window's files are open (at most accounts × regions).
 */
final class S3LayoutSink implements LogSink {
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY_DIR =
            DateTimeFormatter.ofPattern("yyyy/MM/dd", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final byte[] HEAD = "{\"Records\":[".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TAIL = "]}".getBytes(StandardCharsets.US_ASCII);

    private final Path orgRoot;
    private final Ids names;
    private final OpenFile[] open;
    private final List<OpenFile> openOrder = new ArrayList<>();
    /** Day folders made so far (one per account, region and day; only looked up, never iterated). */
    private final Set<Path> createdDirs = new HashSet<>();
    private long windowStart;
    private String stamp;
    private String dayDir;
    private int files;
    private long bytes;

    /** @param names random stream used only for the files' unique suffixes */
    S3LayoutSink(Path logsRoot, String orgId, int accounts, Ids names) {
        this.orgRoot = logsRoot.resolve("AWSLogs").resolve(orgId);
        this.names = names;
        this.open = new OpenFile[accounts * AwsRegion.values().length];
    }

    @Override
    public void beginWindow(long windowStartMillis) {
        windowStart = windowStartMillis;
        Instant t = Instant.ofEpochMilli(windowStart);
        stamp = STAMP.format(t);
        dayDir = DAY_DIR.format(t);
    }

    @Override
    public void write(Account account, AwsRegion region, byte[] record, int len) throws IOException {
        int slot = account.index * AwsRegion.values().length + region.ordinal();
        OpenFile f = open[slot];
        if (f == null) {
            f = openFile(account, region);
            open[slot] = f;
            openOrder.add(f);
            f.out.write(HEAD);
        } else {
            f.out.write(',');
        }
        f.out.write(record, 0, len);
    }

    private OpenFile openFile(Account account, AwsRegion region) throws IOException {
        Path dir = orgRoot.resolve(account.id).resolve("CloudTrail").resolve(region.code).resolve(dayDir);
        if (createdDirs.add(dir)) {
            Files.createDirectories(dir);
        }
        String name = account.id + "_CloudTrail_" + region.code + "_" + stamp + "_" + names.alnum(16) + ".json.gz";
        CountingOutputStream counter = new CountingOutputStream(
                new BufferedOutputStream(Files.newOutputStream(dir.resolve(name)), 64 * 1024));
        OutputStream out = new BufferedOutputStream(new FastGzipOutputStream(counter), 64 * 1024);
        files++;
        return new OpenFile(out, counter);
    }

    @Override
    public void endWindow() throws IOException {
        for (OpenFile f : openOrder) {
            f.out.write(TAIL);
            f.out.close();
            bytes += f.counter.count;
        }
        openOrder.clear();
        Arrays.fill(open, null);
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
        endWindow();
    }

    private record OpenFile(OutputStream out, CountingOutputStream counter) {
    }

    /**
     * Gzip at the fastest level: CloudTrail's own files are not tightly compressed either, and
     * deflate dominates the generator's cost. The JDK writes a zero mtime, so output is reproducible.
     */
    private static final class FastGzipOutputStream extends GZIPOutputStream {
        FastGzipOutputStream(OutputStream out) throws IOException {
            super(out, 64 * 1024);
            def.setLevel(Deflater.BEST_SPEED);
        }
    }
}
