package io.trailhound.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The alerts page's filters, as {@code GET /api/alerts} takes them: {@code severity} (repeatable or
 * comma-separated), {@code rule} (name or id), {@code format}, {@code account}, {@code origin}
 * (ARN or name), {@code from} / {@code to} (event time, UTC: {@code 2026-11-01T10:00:00Z},
 * {@code 2026-11-01T10:00} or {@code 2026-11-01}) and {@code q} (text in the alert's output, rule or
 * origin). Blank values are no filter.
 */
record AlertFilter(List<String> severities, String rule, String format, String account, String origin, Instant from,
                   Instant to, String text) {

    static final AlertFilter NONE = new AlertFilter(List.of(), null, null, null, null, null, null, null);

    /** Reads the filters from query parameters ({@code all} gives every value of a repeated parameter). */
    static AlertFilter from(Function<String, List<String>> all) {
        List<String> sev = new ArrayList<>();
        for (String v : all.apply("severity")) {
            for (String s : v.split(",")) {
                if (!s.isBlank()) {
                    sev.add(s.strip().toLowerCase(java.util.Locale.ROOT));
                }
            }
        }
        return new AlertFilter(List.copyOf(sev), one(all, "rule"), one(all, "format"), one(all, "account"),
                one(all, "origin"), time("from", one(all, "from")), time("to", one(all, "to")), one(all, "q"));
    }

    private static String one(Function<String, List<String>> all, String name) {
        List<String> v = all.apply(name);
        if (v.isEmpty() || v.get(0) == null || v.get(0).isBlank()) {
            return null;
        }
        return v.get(0).strip();
    }

    /** An instant in UTC; a bare date is its midnight. */
    static Instant time(String name, String text) {
        if (text == null) {
            return null;
        }
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            if (text.endsWith("Z") || text.endsWith("z")) {
                return Instant.parse(text.toUpperCase(java.util.Locale.ROOT));
            }
            return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw WebServerException.badRequest(name + ": not a time (2026-11-01T10:00:00Z, 2026-11-01T10:00 or 2026-11-01)");
        }
    }
}
