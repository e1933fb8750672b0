package io.trailhound.core.posture;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import io.trailhound.core.inputfile.InputFormatException;
import io.trailhound.core.inputfile.InputText;
import io.trailhound.core.inputfile.JsonInput;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Parses the IAM credential report: the CSV as downloaded, or the JSON of
 * {@code aws iam get-credential-report} (base64 {@code Content}, {@code GeneratedTime}). Columns
 * are found by header name, so newer reports with extra columns read. The {@link #REQUIRED}
 * columns must be there; the later ones AWS added (last used) read as "no value" when an older
 * report lacks them. A cell the parser reads is never empty: where there is no value, AWS writes
 * {@code N/A}, {@code no_information} or {@code not_supported}.
 */
public final class CredentialReportParser {
    /**
     * Columns every credential report has had, and without which a check would read "absent" as
     * "compliant": no MFA column would make every console user MFA-less, no key column every key
     * absent. The last-used columns (added by AWS later) and those no check reads are optional.
     */
    public static final List<String> REQUIRED = List.of("user", "arn", "user_creation_time", "password_enabled",
            "mfa_active", "access_key_1_active", "access_key_1_last_rotated", "access_key_2_active",
            "access_key_2_last_rotated");
    /** Years a report's time can have: a year past 9999 or before 1970 is damage, not a date to judge keys by. */
    private static final int FIRST_YEAR = 1970, LAST_YEAR = 9999;
    private static final JsonPointer CONTENT = JsonPointer.compile("/Content");
    private static final JsonPointer GENERATED = JsonPointer.compile("/GeneratedTime");
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
            .setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true).get();

    private CredentialReportParser() {
    }

    public static CredentialReport read(Path file) throws IOException {
        String text = InputText.read(file);
        return text.stripLeading().startsWith("{") ? parseJson(file.toString(), text) : parseCsv(file.toString(), text, null);
    }

    /** The JSON of {@code get-credential-report}: the CSV is base64 in {@code Content}. */
    static CredentialReport parseJson(String source, String text) throws IOException {
        JsonInput in = JsonInput.parse(source, text);
        JsonNode content = in.root().get("Content");
        if (content == null) {
            throw new InputFormatException(source, 0, "no Content (expected aws iam get-credential-report output)");
        }
        if (!content.isTextual()) {
            throw in.error(CONTENT, JsonInput.shown(content) + " is not a string (expected the report as base64)");
        }
        byte[] csv;
        try {
            csv = Base64.getDecoder().decode(content.asText().replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw in.error(CONTENT, "not base64: " + e.getMessage());
        }
        JsonNode generated = in.root().get("GeneratedTime");
        Instant when = null;
        if (generated != null) {
            // always a time when present: N/A and the other cell sentinels are no generation time
            when = generated.isTextual() ? parseTime(generated.asText()) : null;
            if (when == null) {
                throw in.error(GENERATED, JsonInput.shown(generated) + " is not an ISO 8601 time between "
                        + FIRST_YEAR + " and " + LAST_YEAR);
            }
        }
        String name = source + " (Content)";
        return parseCsv(name, InputText.decode(name, csv), when);
    }

    public static CredentialReport parseCsv(String source, String text, Instant generated) throws IOException {
        List<CredentialReportRow> rows = new ArrayList<>();
        RecordLines lines = new RecordLines(text);
        try (CSVParser p = open(source, text)) {
            checkHeader(source, p.getHeaderNames());
            Iterator<CSVRecord> records = p.iterator();
            while (true) {
                long line = lines.startAfter(p.getCurrentLineNumber());
                CSVRecord rec = next(records, source, line);
                if (rec == null) {
                    break;
                }
                if (!rec.isConsistent()) {
                    throw new InputFormatException(source, line, rec.size() + " fields where the header has "
                            + p.getHeaderNames().size());
                }
                rows.add(row(source, line, rec));
            }
        }
        return new CredentialReport(source, generated, rows);
    }

    /** Reads the header; a header CSV itself rejects (a quote never closed, an empty name) is an error at line 1. */
    private static CSVParser open(String source, String text) throws InputFormatException {
        Reader r = new StringReader(text);
        try {
            return CSVParser.builder().setReader(r).setFormat(FORMAT).get();
        } catch (IOException | IllegalArgumentException | UncheckedIOException e) {
            throw new InputFormatException(source, 1, "not a valid CSV header: " + e.getMessage(), e);
        }
    }

    /** The next record, or null after the last; CSV the parser rejects (a quote never closed) is an error at {@code line}. */
    private static CSVRecord next(Iterator<CSVRecord> records, String source, long line) throws InputFormatException {
        try {
            return records.hasNext() ? records.next() : null;
        } catch (UncheckedIOException e) {
            throw new InputFormatException(source, line, "not valid CSV from this line: " + e.getCause().getMessage(), e);
        }
    }

    private static void checkHeader(String source, List<String> names) throws InputFormatException {
        if (!names.contains("user") || !names.contains("arn")) {
            throw new InputFormatException(source, 1, "not an IAM credential report: the header has no user and arn columns");
        }
        Set<String> seen = new HashSet<>();
        for (String n : names) {
            if (!seen.add(n)) {
                // CSV would keep the last one's values: which one AWS meant cannot be told
                throw new InputFormatException(source, 1, "the header has column " + n + " twice");
            }
        }
        List<String> missing = REQUIRED.stream().filter(c -> !seen.contains(c)).toList();
        if (!missing.isEmpty()) {
            throw new InputFormatException(source, 1, "the header lacks required column" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing) + " (an IAM credential report has them all)");
        }
    }

    private static CredentialReportRow row(String source, long line, CSVRecord rec) throws InputFormatException {
        Cells c = new Cells(source, line, rec);
        return new CredentialReportRow(c.text("user"), c.text("arn"), c.time("user_creation_time"),
                c.tristate("password_enabled"), c.time("password_last_used"), c.time("password_last_changed"),
                c.bool("mfa_active"), c.key(1), c.key(2), line);
    }

    /** One record's cells with the report's value conventions. */
    private record Cells(String source, long line, CSVRecord rec) {
        /** The cell, or null when an older report lacks its (optional) column; an empty cell is an error. */
        String text(String column) throws InputFormatException {
            if (!rec.isMapped(column)) {
                return null;
            }
            String v = rec.get(column);
            if (v.isEmpty()) {
                throw new InputFormatException(source, line, "column " + column
                        + " is empty (a credential report writes N/A, no_information or not_supported where there is no value)");
            }
            return v;
        }

        Instant time(String column) throws InputFormatException {
            return CredentialReportParser.time(source, line, "column " + column, text(column));
        }

        boolean bool(String column) throws InputFormatException {
            return Boolean.TRUE.equals(tristate(column));
        }

        /** {@code true}/{@code false} case-insensitively (the IAM guide prints TRUE); sentinels are null. */
        Boolean tristate(String column) throws InputFormatException {
            String v = text(column);
            if (v == null || isSentinel(v)) {
                return null;
            }
            return switch (v.toLowerCase(Locale.ROOT)) {
                case "true" -> true;
                case "false" -> false;
                default -> throw new InputFormatException(source, line, "column " + column + ": '" + v + "' is not true or false");
            };
        }

        CredentialReportRow.AccessKey key(int n) throws InputFormatException {
            String prefix = "access_key_" + n + "_";
            return new CredentialReportRow.AccessKey(n, bool(prefix + "active"), time(prefix + "last_rotated"),
                    time(prefix + "last_used_date"));
        }
    }

    static boolean isSentinel(String v) {
        return v.equals("N/A") || v.equals("no_information") || v.equals("not_supported");
    }

    /** A cell's time: null for a sentinel or an absent optional column; anything else must be a time. */
    static Instant time(String source, long line, String what, String v) throws InputFormatException {
        if (v == null || isSentinel(v)) {
            return null;
        }
        Instant t = parseTime(v);
        if (t == null) {
            throw new InputFormatException(source, line, what + ": '" + v + "' is not an ISO 8601 time between "
                    + FIRST_YEAR + " and " + LAST_YEAR + ", N/A, no_information or not_supported");
        }
        return t;
    }

    /** ISO 8601 with an offset ({@code +00:00} in real reports, {@code Z} in some tools' fixtures); null if not one. */
    private static Instant parseTime(String v) {
        try {
            OffsetDateTime t = OffsetDateTime.parse(v);
            return t.getYear() < FIRST_YEAR || t.getYear() > LAST_YEAR ? null : t.toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * The line each record starts on. The CSV parser counts the lines it has consumed; the next
     * record starts on the following line, or later when blank lines (which it skips) come first.
     * Lines are counted once, moving forward only.
     */
    private static final class RecordLines {
        private final String text;
        private int offset;
        private long line = 1;

        RecordLines(String text) {
            this.text = text;
        }

        long startAfter(long consumedLines) {
            while (line <= consumedLines && offset < text.length()) {
                step();
            }
            while (offset < text.length() && (text.charAt(offset) == '\n' || text.charAt(offset) == '\r')) {
                step();
            }
            return line;
        }

        /** One character; a line ends at LF, CRLF or a lone CR, as the CSV parser counts them. */
        private void step() {
            char c = text.charAt(offset++);
            if (c == '\n' || (c == '\r' && (offset == text.length() || text.charAt(offset) != '\n'))) {
                line++;
            }
        }
    }
}
