package io.trailhound.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static io.trailhound.core.testkit.CloudTrailFiles.*;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded random damage to real-looking records (bit flips, insertions, deletions, duplicated
 * spans, truncation; in plain JSON Lines, S3 log files and gzip members), each scanned by the CLI.
 * Every run must end in time, exit 0 or 2, print no stack trace, and read every good record
 * planted around the damage: in separate files, in gzip members before and after the damaged one,
 * and in lines or log files before and after the damaged one. Deterministic by seed.
 */
class IngestFuzzTest {
    /** Cases in the build; {@code -Dtrailhound.fuzz.cases=N} runs more (same seeds first). */
    private static final int CASES = Integer.getInteger("trailhound.fuzz.cases", 120);
    private static final String PLANTED = "PlantedGoodRecord";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void damagedInputNeverHangsCrashesOrLosesTheGoodRecordsAroundIt() {
        for (int seed = 1; seed <= CASES; seed++) {
            Case c = new Case(seed, tmp.resolve("case-" + seed));
            assertTimeoutPreemptively(Duration.ofSeconds(20), () -> c.runAndCheck(), c::describe);
        }
    }

    /** One seeded case: a directory with planted files and one damaged file between planted content. */
    private static final class Case {
        private final int seed;
        private final Path dir;
        private final SplittableRandom r;
        private final List<String> mutations = new ArrayList<>();
        private int nextId;
        private int planted;
        private String shape;

        Case(int seed, Path dir) {
            this.seed = seed;
            this.dir = dir;
            this.r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L);
            this.nextId = seed * 1000;
        }

        String describe() {
            return "seed " + seed + " (" + shape + "; " + String.join(", ", mutations) + ")";
        }

        void runAndCheck() throws IOException {
            Files.createDirectories(dir);
            Files.write(dir.resolve("a-planted.jsonl"), utf8(jsonLines(plantedRecords(3))));
            Files.write(dir.resolve("z-planted.json.gz"), gzip(utf8(s3(plantedRecords(3)))));
            Files.write(dir.resolve("m-damaged" + (shape().endsWith("gzip") ? ".json.gz" : ".json")), damagedFile());
            CliRun run = CliRun.of("scan", dir.toString(), "--format", "json", "--threads", "2", "--no-progress",
                    "--quarantine", dir.resolve("q").toString());
            String where = describe() + "\nstdout: " + head(run.out()) + "\nstderr: " + head(run.err());
            assertThat(run.exit()).as(where).isIn(0, 2);
            for (String text : List.of(run.out(), run.err())) {
                assertThat(text).as(where).doesNotContain("\tat ").doesNotContain("Exception").doesNotContain("Error:");
            }
            JsonNode summary = JSON.readTree(run.out());
            long plantedRead = 0;
            for (JsonNode n : summary.path("topEventNames")) {
                if (PLANTED.equals(n.path("value").asText())) {
                    plantedRead = n.path("count").asLong();
                }
            }
            assertThat(plantedRead).as(where).isEqualTo(planted);
        }

        private String shape() {
            if (shape == null) {
                shape = List.of("jsonl", "s3-lines", "s3-one-line", "members-gzip", "members-plain-damage-gzip",
                        "single-gzip").get(r.nextInt(6));
            }
            return shape;
        }

        /** The damaged file: planted content, damaged content, planted content (as the shape allows). */
        private byte[] damagedFile() {
            switch (shape()) {
                case "jsonl" -> {
                    return around(utf8(jsonLines(plantedRecords(2))), mutate(utf8(jsonLines(damagedRecords()).strip())),
                            utf8("\n" + jsonLines(plantedRecords(2))));
                }
                case "s3-lines" -> {
                    return around(utf8(s3(plantedRecords(2)) + "\n"), mutate(utf8(s3(damagedRecords()))),
                            utf8("\n" + s3(plantedRecords(2)) + "\n"));
                }
                case "s3-one-line" -> {
                    return around(utf8(s3(plantedRecords(2))), mutate(utf8(s3(damagedRecords()))),
                            utf8(s3(plantedRecords(2))));
                }
                case "members-gzip" -> {
                    return around(gzip(utf8(jsonLines(plantedRecords(2)))), mutate(gzip(utf8(s3(damagedRecords())))),
                            gzip(utf8(s3(plantedRecords(2)))));
                }
                case "members-plain-damage-gzip" -> {
                    // Sound gzip around broken JSON Lines: members join into one byte stream, so the good
                    // lines after start on a line of their own (a record glued to a broken line goes with it).
                    return around(gzip(utf8(s3(plantedRecords(2)))), gzip(mutate(utf8(jsonLines(damagedRecords())))),
                            gzip(utf8("\n" + jsonLines(plantedRecords(2)))));
                }
                default -> {
                    return mutate(gzip(utf8(r.nextBoolean() ? jsonLines(damagedRecords()) : s3(damagedRecords()))));
                }
            }
        }

        private static byte[] around(byte[] before, byte[] damaged, byte[] after) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(before);
            out.writeBytes(damaged);
            out.writeBytes(after);
            return out.toByteArray();
        }

        private static final byte[] INTERESTING = {'{', '}', '[', ']', '"', ',', ':', '\\', '\n', ' ', 0, (byte) 0xff,
                (byte) 0xc0, (byte) 0x80, (byte) 0xed, (byte) 0xa0, (byte) 0xf4, (byte) 0x1f, (byte) 0x8b, '9', 'e', 't'};

        /** One to four random mutations of {@code b}. */
        private byte[] mutate(byte[] b) {
            int n = 1 + r.nextInt(4);
            for (int i = 0; i < n && b.length > 2; i++) {
                int at = r.nextInt(b.length);
                switch (r.nextInt(5)) {
                    case 0 -> {
                        int bit = r.nextInt(8);
                        b = b.clone();
                        b[at] ^= (byte) (1 << bit);
                        mutations.add("flip bit " + bit + " at " + at);
                    }
                    case 1 -> {
                        byte[] ins = new byte[1 + r.nextInt(8)];
                        for (int k = 0; k < ins.length; k++) {
                            ins[k] = r.nextInt(3) == 0 ? (byte) r.nextInt(256) : INTERESTING[r.nextInt(INTERESTING.length)];
                        }
                        b = splice(b, at, at, ins);
                        mutations.add("insert " + ins.length + " at " + at);
                    }
                    case 2 -> {
                        int to = Math.min(b.length, at + 1 + r.nextInt(16));
                        b = splice(b, at, to, new byte[0]);
                        mutations.add("delete " + at + ".." + to);
                    }
                    case 3 -> {
                        int from = r.nextInt(b.length);
                        byte[] span = Arrays.copyOfRange(b, from, Math.min(b.length, from + 1 + r.nextInt(64)));
                        b = splice(b, at, at, span);
                        mutations.add("copy " + span.length + " from " + from + " to " + at);
                    }
                    default -> {
                        b = Arrays.copyOf(b, Math.max(1, at));
                        mutations.add("truncate at " + b.length);
                    }
                }
            }
            return b;
        }

        private static byte[] splice(byte[] b, int from, int to, byte[] with) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(b, 0, from);
            out.writeBytes(with);
            out.write(b, to, b.length - to);
            return out.toByteArray();
        }

        private List<String> plantedRecords(int n) {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                out.add(record(PLANTED, nextId++));
                planted++;
            }
            return out;
        }

        private List<String> damagedRecords() {
            List<String> names = List.of("ListUsers", "AssumeRole", "PutBucketPolicy", "ConsoleLogin", "GetObject");
            List<String> out = new ArrayList<>();
            int n = 3 + r.nextInt(5);
            for (int i = 0; i < n; i++) {
                out.add(record(names.get(r.nextInt(names.size())), nextId++));
            }
            return out;
        }

        /**
         * A CloudTrail-like record with the parts real ones have: identity, nesting, arrays, escapes, non-ASCII.
         * Written out, not built: its bytes are what the mutations damage, and they hold a JSON escape of é
         * beside the raw letter, which a JSON writer would not write.
         */
        private String record(String eventName, int id) {
            boolean sts = eventName.equals("AssumeRole");
            String key = "ASIA" + Integer.toHexString(id).toUpperCase() + "EXAMPLE";
            return "{\"eventVersion\":\"1.08\",\"userIdentity\":{\"type\":\"AssumedRole\",\"principalId\":\"AROAEX:alice\","
                    + "\"arn\":\"arn:aws:sts::111122223333:assumed-role/Admin/alice\",\"accountId\":\"111122223333\","
                    + "\"accessKeyId\":\"" + key + "\",\"sessionContext\":{\"sessionIssuer\":{\"type\":\"Role\","
                    + "\"arn\":\"arn:aws:iam::111122223333:role/Admin\",\"userName\":\"Admin\"},\"attributes\":"
                    + "{\"creationDate\":\"2026-11-01T09:00:00Z\",\"mfaAuthenticated\":\"false\"}}},"
                    + "\"eventTime\":\"2026-11-01T09:" + String.format("%02d:%02d", r.nextInt(60), r.nextInt(60)) + "Z\","
                    + "\"eventSource\":\"" + (sts ? "sts" : "iam") + ".amazonaws.com\",\"eventName\":\"" + eventName + "\","
                    + "\"awsRegion\":\"eu-west-1\",\"sourceIPAddress\":\"198.51.100." + r.nextInt(255) + "\","
                    + "\"userAgent\":\"aws-cli/2.15.0 caf\u00e9 \\\"q\\\" \\u00e9\","
                    + "\"requestParameters\":{\"roleArn\":\"arn:aws:iam::111122223333:role/Ops\",\"roleSessionName\":\"s" + id + "\","
                    + "\"policy\":\"{\\\"Version\\\":\\\"2012-10-17\\\",\\\"Statement\\\":[{\\\"Effect\\\":\\\"Allow\\\"}]}\","
                    + "\"tags\":[{\"key\":\"team\",\"value\":\"\u65e5\u672c\"},{\"key\":\"n\",\"value\":" + r.nextInt(1000) + "}],"
                    + "\"durationSeconds\":3600,\"flag\":true,\"none\":null,\"ratio\":-1.5e3},"
                    + "\"responseElements\":" + (sts ? "{\"credentials\":{\"accessKeyId\":\"ASIANEW" + id + "\","
                    + "\"expiration\":\"Nov 1, 2026, 10:00:00 AM\"},\"assumedRoleUser\":{\"arn\":"
                    + "\"arn:aws:sts::111122223333:assumed-role/Ops/s" + id + "\"}}" : "null") + ","
                    + "\"requestID\":\"req-" + id + "\",\"eventID\":\"" + String.format("%08x-0000-4000-8000-%012x", id, id)
                    + "\",\"readOnly\":false,\"eventType\":\"AwsApiCall\",\"managementEvent\":true,"
                    + "\"recipientAccountId\":\"111122223333\",\"eventCategory\":\"Management\"}";
        }
    }

    private static String head(String s) {
        return s.length() > 2000 ? s.substring(0, 2000) + "..." : s;
    }
}
