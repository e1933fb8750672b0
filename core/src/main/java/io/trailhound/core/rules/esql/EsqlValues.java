package io.trailhound.core.rules.esql;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * ES|QL values at run time and the operations on them. A value is null, a {@link String}
 * (keyword, text, ip), a {@link Long}, a {@link Double}, a {@link Boolean}, a {@link Date}, or a
 * multi-value: an immutable {@link List} of two or more of those. Operators and most functions
 * give null on a null or multi-valued operand, as ES|QL does (it adds a warning; a rule cannot
 * see one).
 */
final class EsqlValues {
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private EsqlValues() {
    }

    /** A datetime, in epoch milliseconds. */
    record Date(long millis) implements Comparable<Date> {
        @Override
        public int compareTo(Date o) {
            return Long.compare(millis, o.millis);
        }

        @Override
        public String toString() {
            return ISO.format(Instant.ofEpochMilli(millis));
        }
    }

    /** A time-span literal: {@code 10 seconds}, {@code 1 hour}, {@code 7 days}. */
    record Span(long amount, ChronoUnit unit) {
        static ChronoUnit unit(String word) {
            return switch (word.toLowerCase(Locale.ROOT)) {
                case "millisecond", "milliseconds", "ms" -> ChronoUnit.MILLIS;
                case "second", "seconds", "sec", "s" -> ChronoUnit.SECONDS;
                case "minute", "minutes", "min" -> ChronoUnit.MINUTES;
                case "hour", "hours", "h" -> ChronoUnit.HOURS;
                case "day", "days", "d" -> ChronoUnit.DAYS;
                case "week", "weeks", "w" -> ChronoUnit.WEEKS;
                case "month", "months", "mo" -> ChronoUnit.MONTHS;
                case "quarter", "quarters", "q" -> null; // not a ChronoUnit; refused by the parser as an identifier
                case "year", "years", "yr", "y" -> ChronoUnit.YEARS;
                default -> null;
            };
        }

        /** Fixed length in milliseconds, or -1 for months and years (calendar lengths). */
        long millis() {
            return unit == ChronoUnit.MONTHS || unit == ChronoUnit.YEARS ? -1
                    : Math.multiplyExact(amount, unit.getDuration().toMillis());
        }

        Date addTo(Date d, int sign) {
            long fixed = millis();
            if (fixed >= 0) {
                return new Date(d.millis() + sign * fixed);
            }
            ZonedDateTime z = Instant.ofEpochMilli(d.millis()).atZone(ZoneOffset.UTC).plus(sign * amount, unit);
            return new Date(z.toInstant().toEpochMilli());
        }
    }

    static boolean isMulti(Object v) {
        return v instanceof List<?>;
    }

    /** A value from a field accessor (null, a String, or a List of String): one value stays one. */
    static Object ofField(Object extracted) {
        if (extracted instanceof List<?> l) {
            return l.isEmpty() ? null : l.size() == 1 ? l.get(0) : List.copyOf(l);
        }
        return extracted;
    }

    /** The values of {@code v}: none for null, one, or each of a multi-value. */
    static List<?> values(Object v) {
        return v == null ? List.of() : v instanceof List<?> l ? l : List.of(v);
    }

    /** A multi-value from collected values: null when empty, the value itself when one. */
    static Object multi(List<Object> vs) {
        return vs.isEmpty() ? null : vs.size() == 1 ? vs.get(0) : List.copyOf(vs);
    }

    /**
     * Compares two single values, converting as ES|QL converts literals: numbers numerically, a
     * string against a date or number read as one; null when either is null or they cannot be compared.
     */
    static Integer compare(Object a, Object b) {
        if (a == null || b == null || a instanceof List || b instanceof List) {
            return null;
        }
        if (a instanceof Number x && b instanceof Number y) {
            if (x instanceof Long l && y instanceof Long m) {
                return Long.compare(l, m);
            }
            return Double.compare(x.doubleValue(), y.doubleValue());
        }
        if (a instanceof Date || b instanceof Date) {
            Date x = toDate(a);
            Date y = toDate(b);
            return x == null || y == null ? null : x.compareTo(y);
        }
        if (a instanceof Number || b instanceof Number) {
            Object x = a instanceof String s ? toNumber(s) : a;
            Object y = b instanceof String s ? toNumber(s) : b;
            return x instanceof Number && y instanceof Number ? compare(x, y) : null;
        }
        if (a instanceof Boolean || b instanceof Boolean) {
            Boolean x = toBoolean(a);
            Boolean y = toBoolean(b);
            return x == null || y == null ? null : Boolean.compare(x, y);
        }
        if (a instanceof String x && b instanceof String y) {
            return x.compareTo(y);
        }
        return null;
    }

    static Boolean equal(Object a, Object b) {
        Integer c = compare(a, b);
        return c == null ? null : c == 0;
    }

    static Object toNumber(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            try {
                return Double.parseDouble(s.trim());
            } catch (NumberFormatException f) {
                return null;
            }
        }
    }

    static Date toDate(Object v) {
        if (v instanceof Date d) {
            return d;
        }
        if (v instanceof Long l) {
            return new Date(l);
        }
        if (v instanceof String s) {
            try {
                return new Date(Instant.parse(s).toEpochMilli());
            } catch (java.time.format.DateTimeParseException e) {
                try {
                    return new Date(java.time.OffsetDateTime.parse(s).toInstant().toEpochMilli());
                } catch (java.time.format.DateTimeParseException f) {
                    return null;
                }
            }
        }
        return null;
    }

    static Boolean toBoolean(Object v) {
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof String s) {
            return s.equalsIgnoreCase("true") ? Boolean.TRUE : s.equalsIgnoreCase("false") ? Boolean.FALSE : null;
        }
        if (v instanceof Number n) {
            return n.doubleValue() != 0;
        }
        return null;
    }

    static Long toLong(Object v) {
        if (v instanceof Long l) {
            return l;
        }
        if (v instanceof Double d) {
            return d.isNaN() || d.isInfinite() ? null : (long) (double) d;
        }
        if (v instanceof Boolean b) {
            return b ? 1L : 0L;
        }
        if (v instanceof Date d) {
            return d.millis();
        }
        if (v instanceof String s) {
            Object n = toNumber(s);
            return n == null ? null : toLong(n);
        }
        return null;
    }

    static Double toDouble(Object v) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof Boolean b) {
            return b ? 1.0 : 0.0;
        }
        if (v instanceof Date d) {
            return (double) d.millis();
        }
        if (v instanceof String s) {
            Object n = toNumber(s);
            return n == null ? null : ((Number) n).doubleValue();
        }
        return null;
    }

    /** One value as text, as ES|QL prints it. */
    static String text(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof Double d && d == Math.rint(d) && !d.isInfinite() && Math.abs(d) < 1e15) {
            return String.format(Locale.ROOT, "%.1f", d);
        }
        return v.toString();
    }

    /** A value for an alert: one value as text, a multi-value as a JSON array of texts. */
    static String display(Object v) {
        if (v instanceof List<?> l) {
            StringBuilder sb = new StringBuilder("[");
            for (Object o : l) {
                if (sb.length() > 1) {
                    sb.append(',');
                }
                sb.append('"').append(jsonEscape(text(o))).append('"');
            }
            return sb.append(']').toString();
        }
        return text(v);
    }

    private static String jsonEscape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** {@code a op b} for + - * / % over numbers, and date ± span. Null on null, multi, or a wrong type. */
    static Object arithmetic(String op, Object a, Object b) {
        if (a == null || b == null || a instanceof List || b instanceof List) {
            return null;
        }
        if (a instanceof Date d && b instanceof Span s && (op.equals("+") || op.equals("-"))) {
            return s.addTo(d, op.equals("+") ? 1 : -1);
        }
        if (a instanceof Span s && b instanceof Date d && op.equals("+")) {
            return s.addTo(d, 1);
        }
        Object x = a instanceof String s ? toNumber(s) : a;
        Object y = b instanceof String s ? toNumber(s) : b;
        if (!(x instanceof Number) || !(y instanceof Number)) {
            return null;
        }
        if (x instanceof Long l && y instanceof Long m) {
            try {
                return switch (op) {
                    case "+" -> Math.addExact(l, m);
                    case "-" -> Math.subtractExact(l, m);
                    case "*" -> Math.multiplyExact(l, m);
                    case "/" -> m == 0 ? null : l / m;
                    default -> m == 0 ? null : l % m;
                };
            } catch (ArithmeticException e) {
                return null; // ES|QL: overflow is a warning and null
            }
        }
        double l = ((Number) x).doubleValue();
        double m = ((Number) y).doubleValue();
        double r = switch (op) {
            case "+" -> l + m;
            case "-" -> l - m;
            case "*" -> l * m;
            case "/" -> l / m;
            default -> l % m;
        };
        return Double.isFinite(r) ? r : null;
    }

    /** The distinct values of a multi-value, in first-seen order. */
    static List<Object> distinct(List<?> vs) {
        List<Object> out = new ArrayList<>(vs.size());
        for (Object o : vs) {
            if (!out.contains(o)) {
                out.add(o);
            }
        }
        return out;
    }
}
