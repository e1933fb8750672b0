package io.trailhound.core.rules.elastic;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailhound.core.event.IsoInstants;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The value transformations of Elastic's CloudTrail ingest pipeline that several fields share:
 * its "remove nulls" step, the Java objects its JSON processor builds, and the
 * {@code Map.toString()} text it stores in {@code aws.cloudtrail.request_parameters} and friends.
 */
final class PipelineValues {
    private static final DateTimeFormatter ES_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private PipelineValues() {
    }

    /**
     * A scalar after the pipeline's remove-nulls step, which drops {@code ""}, {@code "-"} and
     * {@code "none"} before any field is copied: such a value is absent in Elastic, so it is here.
     */
    public static String clean(String v) {
        if (v == null || v.isEmpty() || v.equals("-") || v.equals("none")) {
            return null;
        }
        return v;
    }

    /**
     * The Java value the pipeline holds for a JSON node after remove-nulls: {@link HashMap} for an
     * object (keys put in document order, dropped entries removed afterwards, so the table keeps
     * the capacity all parsed keys gave it: that decides {@code toString()}'s key order),
     * {@link ArrayList}, Integer/Long/BigInteger or Double, Boolean, String; null when removed.
     */
    public static Object toJava(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return null;
        }
        if (n.isObject()) {
            Map<String, Object> m = new HashMap<>();
            Iterator<Map.Entry<String, JsonNode>> it = n.fields();
            List<String> removed = null; // made only when a value goes: most objects keep all theirs
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                Object v = toJava(e.getValue());
                m.put(e.getKey(), v);
                if (v == null) {
                    if (removed == null) {
                        removed = new ArrayList<>();
                    }
                    removed.add(e.getKey());
                }
            }
            if (removed != null) {
                for (String k : removed) {
                    m.remove(k);
                }
            }
            return m.isEmpty() ? null : m;
        }
        if (n.isArray()) {
            List<Object> l = new ArrayList<>(n.size());
            for (JsonNode el : n) {
                Object v = toJava(el);
                if (v != null) {
                    l.add(v);
                }
            }
            return l.isEmpty() ? null : l;
        }
        if (n.isIntegralNumber()) {
            if (n.canConvertToInt()) {
                return n.intValue();
            }
            return n.canConvertToLong() ? (Object) n.longValue() : n.bigIntegerValue();
        }
        if (n.isNumber()) {
            return n.doubleValue();
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        return clean(n.asText());
    }

    /** The characters {@link #mapText} puts between the strings, numbers and booleans it renders. */
    static final String MAP_TEXT_SEPARATORS = "{}[]=, ";

    /** The pipeline's string form of a CloudTrail object ({@code {k=v, list=[a, b]}}), or null when empty. */
    public static String mapText(JsonNode n) {
        Object o = toJava(n);
        if (o == null) {
            return null;
        }
        // One builder per thread, kept at the size texts need: growing a new one from 256 chars
        // copied kilobytes of SendCommand parameters several times per event.
        StringBuilder sb = TEXT.get();
        sb.setLength(0);
        appendText(o, sb);
        String text = sb.toString();
        if (sb.capacity() > MAX_KEPT_BUILDER) {
            TEXT.remove(); // a huge member once does not keep its buffer for the thread's life
        }
        return text;
    }

    private static final ThreadLocal<StringBuilder> TEXT = ThreadLocal.withInitial(() -> new StringBuilder(1024));
    /** Chars of builder kept per thread at most (twice the longest text any rule can match, past {@code ignore_above}). */
    private static final int MAX_KEPT_BUILDER = 16_384;

    /**
     * {@code o.toString()} for the pipeline's values (AbstractMap's {@code {k=v, ...}},
     * AbstractCollection's {@code [a, b]}, String.valueOf of the rest) written into one builder: the
     * JDK's renders each nested map and list into a string of its own first, which was most of the
     * cost of {@code aws.cloudtrail.request_parameters} on kilobytes of parameters. The values
     * never hold themselves, so the JDK's "(this Map)" never applies.
     */
    static void appendText(Object o, StringBuilder sb) {
        if (o instanceof Map<?, ?> m) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                sb.append(first ? "" : ", ").append(e.getKey()).append('=');
                appendText(e.getValue(), sb);
                first = false;
            }
            sb.append('}');
        } else if (o instanceof List<?> l) {
            sb.append('[');
            for (int i = 0; i < l.size(); i++) {
                sb.append(i == 0 ? "" : ", ");
                appendText(l.get(i), sb);
            }
            sb.append(']');
        } else {
            sb.append(o);
        }
    }

    /** A CloudTrail date in the form Elasticsearch prints dates: {@code 2019-10-02T22:12:29.000Z}. */
    static String esDate(String text) {
        if (text == null) {
            return null;
        }
        // CloudTrail's own form (2019-10-02T22:12:29Z), checked by the decoder's parser, skips java.time's.
        if (text.length() == 20) {
            long millis = IsoInstants.parseMillis(text);
            if (millis != Long.MIN_VALUE) {
                return esDate(millis);
            }
        }
        try {
            return ES_DATE.format(Instant.parse(text));
        } catch (DateTimeParseException e) {
            try {
                return ES_DATE.format(OffsetDateTime.parse(text).toInstant());
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    static String esDate(Instant t) {
        return t.getEpochSecond() >= FIRST_FAST_SECOND && t.getEpochSecond() <= LAST_FAST_SECOND
                ? esDate(t.toEpochMilli()) : ES_DATE.format(t);
    }

    /** Whether {@link #esDate(Instant)} of these milliseconds is the digit-by-digit text (years 1 to 9999). */
    static boolean fastDate(long millis) {
        long second = Math.floorDiv(millis, 1000);
        return second >= FIRST_FAST_SECOND && second <= LAST_FAST_SECOND;
    }

    private static final long FIRST_FAST_SECOND = LocalDateTime.of(1, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);
    private static final long LAST_FAST_SECOND = LocalDateTime.of(9999, 12, 31, 23, 59, 59).toEpochSecond(ZoneOffset.UTC);

    /**
     * {@link #ES_DATE}'s text for years 1 to 9999, written digit by digit: it runs for every
     * event's {@code @timestamp}, where the general formatter was a twelfth of an ECS export.
     */
    private static String esDate(long millis) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1000), 0, ZoneOffset.UTC);
        if (t.getYear() < 1 || t.getYear() > 9999) {
            return ES_DATE.format(Instant.ofEpochMilli(millis));
        }
        char[] c = new char[24];
        put(c, 0, t.getYear(), 4);
        c[4] = '-';
        put(c, 5, t.getMonthValue(), 2);
        c[7] = '-';
        put(c, 8, t.getDayOfMonth(), 2);
        c[10] = 'T';
        put(c, 11, t.getHour(), 2);
        c[13] = ':';
        put(c, 14, t.getMinute(), 2);
        c[16] = ':';
        put(c, 17, t.getSecond(), 2);
        c[19] = '.';
        put(c, 20, (int) Math.floorMod(millis, 1000), 3);
        c[23] = 'Z';
        return new String(c);
    }

    private static void put(char[] c, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            c[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
