package io.trailhound.core.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/** The shapes records arrive in: S3 delivery files, JSON Lines, gzip (one member or several), as text, bytes or files. */
public final class CloudTrailFiles {
    private CloudTrailFiles() {
    }

    /** An S3 delivery file's text, {@code {"Records":[...]}} on one line, around records given as JSON text. */
    public static String s3(List<String> records) {
        return "{\"Records\":[" + String.join(",", records) + "]}";
    }

    /** JSON Lines: one record a line, each line ended. */
    public static String jsonLines(List<String> records) {
        return String.join("\n", records) + "\n";
    }

    /** Writes an S3 delivery file of these records. */
    public static Path s3(Path file, CloudTrailRecord... records) throws IOException {
        return Files.writeString(file, s3(json(records)));
    }

    /** Writes a JSON Lines file of these records. */
    public static Path jsonLines(Path file, CloudTrailRecord... records) throws IOException {
        return Files.writeString(file, jsonLines(json(records)));
    }

    private static List<String> json(CloudTrailRecord... records) {
        return Arrays.stream(records).map(CloudTrailRecord::json).toList();
    }

    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** One gzip member holding {@code data}. */
    public static byte[] gzip(byte[] data) {
        try {
            ByteArrayOutputStream bos = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(bos)) {
                gz.write(data);
            }
            return bos.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] gzip(String text) {
        return gzip(utf8(text));
    }

    /** Concatenated gzip members, one per part (as {@code cat a.gz b.gz} makes). */
    public static byte[] gzipMembers(String... parts) {
        return concat(Arrays.stream(parts).map(CloudTrailFiles::gzip).toArray(byte[][]::new));
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            all.writeBytes(part);
        }
        return all.toByteArray();
    }
}
