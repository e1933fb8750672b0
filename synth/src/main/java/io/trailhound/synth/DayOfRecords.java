package io.trailhound.synth;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Writes a day of records for one account and region in the S3 layout, {@code perFile} records a
 * gzip file {@code {"Records":[...]}}, record {@code i} at {@code start + i * day / events}: the
 * file side of the single-account generators ({@link ExternalKeysGenerator}, {@link WideRecordsGenerator}).
 */
final class DayOfRecords {
    /** Appends record {@code i}, made at {@code millis}, as JSON. */
    @FunctionalInterface
    interface RecordText {
        void append(StringBuilder sb, long i, long millis);
    }

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);
    private static final long DAY_MILLIS = 24 * 3600_000L;

    private DayOfRecords() {
    }

    /** Writes the files under {@code root} (AWSLogs/...); returns the number of records written. */
    static long write(Path root, Instant start, long events, int perFile, String account, String region,
                      RecordText record) {
        long written = 0;
        int file = 0;
        StringBuilder sb = new StringBuilder(1 << 16);
        try {
            while (written < events) {
                long t0 = start.toEpochMilli() + written * DAY_MILLIS / events;
                Path dir = root.resolve("AWSLogs").resolve(account).resolve("CloudTrail").resolve(region)
                        .resolve(DAY.format(Instant.ofEpochMilli(t0)));
                Files.createDirectories(dir);
                Path out = dir.resolve(account + "_CloudTrail_" + region + "_" + STAMP.format(Instant.ofEpochMilli(t0)) + "_"
                        + String.format("%08d", file++) + ".json.gz");
                sb.setLength(0);
                sb.append("{\"Records\":[");
                for (int i = 0; i < perFile && written < events; i++, written++) {
                    if (i > 0) {
                        sb.append(',');
                    }
                    record.append(sb, written, start.toEpochMilli() + written * DAY_MILLIS / events);
                }
                sb.append("]}");
                try (OutputStream o = new java.util.zip.GZIPOutputStream(Files.newOutputStream(out), 1 << 16)) {
                    o.write(sb.toString().getBytes(StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the generated logs under " + root, e);
        }
        return written;
    }
}
