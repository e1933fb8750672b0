package io.trailhound.core.posture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Parses the IAM credential report: the CSV as downloaded, or the JSON of
 * {@code aws iam get-credential-report} (base64 {@code Content}, {@code GeneratedTime}). Columns
 * are found by header name, so older reports missing columns and newer ones with extra columns
 * both read; a missing column reads as "no value".
 */
public final class CredentialReportParser {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
            .setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true).get();

    private CredentialReportParser() {
    }

    public static CredentialReport read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1); // a byte-order mark, as spreadsheet tools save CSV
        }
        return text.stripLeading().startsWith("{") ? parseJson(file.toString(), text) : parseCsv(file.toString(), text, null);
    }

    /** The JSON of {@code get-credential-report}: the CSV is base64 in {@code Content}. */
    static CredentialReport parseJson(String source, String text) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InputFormatException(source, e.getLocation().getLineNr(), "not JSON: " + e.getOriginalMessage(), e);
        }
        JsonNode content = root.get("Content");
        if (content == null || !content.isTextual()) {
            throw new InputFormatException(source, 0, "no Content (expected aws iam get-credential-report output)");
        }
        String csv;
        try {
            csv = new String(Base64.getDecoder().decode(content.asText().replaceAll("\\s", "")), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InputFormatException(source, 0, "Content is not base64: " + e.getMessage(), e);
        }
        Instant generated = root.hasNonNull("GeneratedTime") ? time(source, 0, "GeneratedTime", root.get("GeneratedTime").asText()) : null;
        return parseCsv(source + " (Content)", csv, generated);
    }

    public static CredentialReport parseCsv(String source, String text, Instant generated) throws IOException {
        List<CredentialReportRow> rows = new ArrayList<>();
        try (Reader r = new StringReader(text); CSVParser p = CSVParser.builder().setReader(r).setFormat(FORMAT).get()) {
            Map<String, Integer> header = p.getHeaderMap();
            if (header == null || !header.containsKey("user") || !header.containsKey("arn")) {
                throw new InputFormatException(source, 1, "not an IAM credential report: the header has no user and arn columns");
            }
            long line = 2;
            for (CSVRecord rec : p) {
                if (!rec.isConsistent()) {
                    throw new InputFormatException(source, line, rec.size() + " fields where the header has " + header.size());
                }
                rows.add(row(source, line, rec));
                line = p.getCurrentLineNumber() + 1;
            }
        } catch (java.io.UncheckedIOException e) {
            throw new InputFormatException(source, 0, "unreadable CSV: " + e.getCause().getMessage(), e);
        }
        return new CredentialReport(source, generated, rows);
    }

    private static CredentialReportRow row(String source, long line, CSVRecord rec) throws InputFormatException {
        Cells c = new Cells(source, line, rec);
        return new CredentialReportRow(c.text("user"), c.text("arn"), c.time("user_creation_time"),
                c.tristate("password_enabled"), c.time("password_last_used"), c.time("password_last_changed"),
                c.bool("mfa_active"), c.key(1), c.key(2), line);
    }

    /** One record's cells with the report's value conventions. */
    private record Cells(String source, long line, CSVRecord rec) {
        String text(String column) {
            return rec.isMapped(column) ? rec.get(column) : null;
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
            if (!rec.isMapped(prefix + "active")) {
                return CredentialReportRow.AccessKey.absent(n);
            }
            return new CredentialReportRow.AccessKey(n, bool(prefix + "active"), time(prefix + "last_rotated"),
                    time(prefix + "last_used_date"));
        }
    }

    static boolean isSentinel(String v) {
        return v.isEmpty() || v.equals("N/A") || v.equals("no_information") || v.equals("not_supported");
    }

    /** ISO 8601 with an offset ({@code +00:00} in real reports, {@code Z} in some tools' fixtures). */
    static Instant time(String source, long line, String what, String v) throws InputFormatException {
        if (v == null || isSentinel(v)) {
            return null;
        }
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            throw new InputFormatException(source, line,
                    what + ": '" + v + "' is not an ISO 8601 time, N/A, no_information or not_supported", e);
        }
    }
}
