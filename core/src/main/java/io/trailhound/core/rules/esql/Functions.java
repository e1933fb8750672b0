package io.trailhound.core.rules.esql;

import io.trailhound.core.rules.esql.EsqlAst.Call;
import io.trailhound.core.rules.esql.EsqlValues.Date;
import io.trailhound.core.rules.esql.EsqlValues.Span;
import io.trailhound.core.rules.load.RuleSyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The scalar functions detection rules use, with ES|QL's null and multi-value behaviour:
 * {@code CASE COALESCE CONCAT TO_LOWER TO_UPPER TO_STRING TO_LONG TO_INTEGER TO_DOUBLE TO_BOOLEAN
 * TO_DATETIME MV_COUNT MV_FIRST MV_LAST MV_DEDUPE DATE_TRUNC DATE_DIFF NOW STARTS_WITH ENDS_WITH
 * LENGTH FROM_BASE64}. Any other name is {@link Unsupported}.
 */
final class Functions {
    private Functions() {
    }

    static Ev compile(Call c, List<Ev> a) {
        String n = c.name();
        return switch (n) {
            case "case" -> {
                atLeast(c, a, 2);
                Ev[] args = a.toArray(new Ev[0]);
                yield f -> {
                    int i = 0;
                    for (; i + 1 < args.length; i += 2) {
                        if (Boolean.TRUE.equals(args[i].eval(f))) {
                            return args[i + 1].eval(f);
                        }
                    }
                    return i < args.length ? args[i].eval(f) : null;
                };
            }
            case "coalesce" -> {
                atLeast(c, a, 1);
                Ev[] args = a.toArray(new Ev[0]);
                yield f -> {
                    for (Ev e : args) {
                        Object v = e.eval(f);
                        if (v != null) {
                            return v;
                        }
                    }
                    return null;
                };
            }
            case "concat" -> {
                atLeast(c, a, 2);
                Ev[] args = a.toArray(new Ev[0]);
                yield f -> {
                    StringBuilder sb = new StringBuilder();
                    for (Ev e : args) {
                        Object v = e.eval(f);
                        if (v == null || v instanceof List) {
                            return null;
                        }
                        sb.append(EsqlValues.text(v));
                    }
                    return sb.toString();
                };
            }
            case "to_lower" -> eachValue(c, a, v -> EsqlValues.text(v).toLowerCase(Locale.ROOT));
            case "to_upper" -> eachValue(c, a, v -> EsqlValues.text(v).toUpperCase(Locale.ROOT));
            case "to_string" -> eachValue(c, a, EsqlValues::text);
            case "to_long", "to_integer" -> eachValue(c, a, EsqlValues::toLong);
            case "to_double" -> eachValue(c, a, EsqlValues::toDouble);
            case "to_boolean" -> eachValue(c, a, EsqlValues::toBoolean);
            case "to_datetime" -> eachValue(c, a, EsqlValues::toDate);
            case "mv_count" -> one(c, a, f -> {
                Object v = a.get(0).eval(f);
                return v == null ? null : (long) EsqlValues.values(v).size();
            });
            case "mv_first" -> one(c, a, f -> {
                Object v = a.get(0).eval(f);
                return v instanceof List<?> l ? l.get(0) : v;
            });
            case "mv_last" -> one(c, a, f -> {
                Object v = a.get(0).eval(f);
                return v instanceof List<?> l ? l.get(l.size() - 1) : v;
            });
            case "mv_dedupe" -> one(c, a, f -> {
                Object v = a.get(0).eval(f);
                return v instanceof List<?> l ? EsqlValues.multi(EsqlValues.distinct(l)) : v;
            });
            case "starts_with" -> two(c, a, (s, p) -> s.startsWith(p));
            case "ends_with" -> two(c, a, (s, p) -> s.endsWith(p));
            case "length" -> eachSingle(c, a, v -> (long) EsqlValues.text(v).codePointCount(0, EsqlValues.text(v).length()));
            case "from_base64" -> eachSingle(c, a, v -> {
                try {
                    return new String(Base64.getDecoder().decode(EsqlValues.text(v).trim()), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    return null; // ES|QL: a warning and null
                }
            });
            case "now" -> {
                count(c, a, 0);
                yield f -> new Date(f.now);
            }
            case "date_trunc" -> dateTrunc(c, a);
            case "date_diff" -> dateDiff(c, a);
            default -> throw new Unsupported("ES|QL function " + n.toUpperCase(Locale.ROOT) + "() is not supported",
                    c.offset());
        };
    }

    /** One argument; the function maps each value (so a multi-value maps to one), null stays null. */
    private static Ev eachValue(Call c, List<Ev> a, Function<Object, Object> fn) {
        count(c, a, 1);
        Ev x = a.get(0);
        return f -> {
            Object v = x.eval(f);
            if (v instanceof List<?> l) {
                List<Object> out = new ArrayList<>(l.size());
                for (Object o : l) {
                    Object r = fn.apply(o);
                    if (r != null) {
                        out.add(r);
                    }
                }
                return EsqlValues.multi(out);
            }
            return v == null ? null : fn.apply(v);
        };
    }

    /** One single-valued argument: null for null or a multi-value. */
    private static Ev eachSingle(Call c, List<Ev> a, Function<Object, Object> fn) {
        count(c, a, 1);
        Ev x = a.get(0);
        return f -> {
            Object v = x.eval(f);
            return v == null || v instanceof List ? null : fn.apply(v);
        };
    }

    private static Ev one(Call c, List<Ev> a, Ev e) {
        count(c, a, 1);
        return e;
    }

    private static Ev two(Call c, List<Ev> a, java.util.function.BiPredicate<String, String> p) {
        count(c, a, 2);
        Ev x = a.get(0);
        Ev y = a.get(1);
        return f -> {
            Object s = x.eval(f);
            Object t = y.eval(f);
            if (s == null || t == null || s instanceof List || t instanceof List) {
                return null;
            }
            return p.test(EsqlValues.text(s), EsqlValues.text(t));
        };
    }

    /** {@code DATE_TRUNC(span, date)}: the date rounded down to a multiple of the span (UTC calendar for months, years). */
    private static Ev dateTrunc(Call c, List<Ev> a) {
        count(c, a, 2);
        if (!(c.args().get(0) instanceof EsqlAst.Literal lit) || !(lit.value() instanceof Span span)
                || span.amount() <= 0) {
            throw new Unsupported("DATE_TRUNC takes a constant time span such as 10 seconds", c.offset());
        }
        Ev d = a.get(1);
        long fixed = span.millis();
        if (span.unit() == ChronoUnit.WEEKS) {
            // Elasticsearch rounds weeks to Mondays; the epoch was a Thursday.
            long monday = 4 * 86_400_000L;
            return f -> {
                Date t = EsqlValues.toDate(single(d.eval(f)));
                return t == null ? null : new Date(Math.floorDiv(t.millis() - monday, fixed) * fixed + monday);
            };
        }
        if (fixed > 0) {
            return f -> {
                Date t = EsqlValues.toDate(single(d.eval(f)));
                return t == null ? null : new Date(Math.floorDiv(t.millis(), fixed) * fixed);
            };
        }
        long months = span.unit() == ChronoUnit.YEARS ? 12 * span.amount() : span.amount();
        return f -> {
            Date t = EsqlValues.toDate(single(d.eval(f)));
            if (t == null) {
                return null;
            }
            ZonedDateTime z = Instant.ofEpochMilli(t.millis()).atZone(ZoneOffset.UTC);
            long index = z.getYear() * 12L + z.getMonthValue() - 1;
            long start = Math.floorDiv(index, months) * months;
            return new Date(ZonedDateTime.of((int) Math.floorDiv(start, 12), (int) Math.floorMod(start, 12) + 1, 1, 0, 0,
                    0, 0, ZoneOffset.UTC).toInstant().toEpochMilli());
        };
    }

    /** {@code DATE_DIFF(unit, start, end)}: whole units from start to end (negative when end is earlier). */
    private static Ev dateDiff(Call c, List<Ev> a) {
        count(c, a, 3);
        if (!(c.args().get(0) instanceof EsqlAst.Literal lit) || !(lit.value() instanceof String unitText)) {
            throw new Unsupported("DATE_DIFF takes a constant unit such as \"seconds\"", c.offset());
        }
        ChronoUnit unit = diffUnit(unitText);
        if (unit == null) {
            throw RuleSyntaxException.inQuery("DATE_DIFF: unknown unit '" + unitText + "'", c.offset());
        }
        Ev s = a.get(1);
        Ev e = a.get(2);
        return f -> {
            Date x = EsqlValues.toDate(single(s.eval(f)));
            Date y = EsqlValues.toDate(single(e.eval(f)));
            if (x == null || y == null) {
                return null;
            }
            if (unit.isDurationEstimated()) {
                return unit.between(Instant.ofEpochMilli(x.millis()).atZone(ZoneOffset.UTC),
                        Instant.ofEpochMilli(y.millis()).atZone(ZoneOffset.UTC));
            }
            return (y.millis() - x.millis()) / unit.getDuration().toMillis();
        };
    }

    private static ChronoUnit diffUnit(String u) {
        return switch (u.toLowerCase(Locale.ROOT)) {
            case "year", "years", "yy", "yyyy" -> ChronoUnit.YEARS;
            case "month", "months", "mm", "m" -> ChronoUnit.MONTHS;
            case "week", "weeks", "wk", "ww" -> ChronoUnit.WEEKS;
            case "day", "days", "dd", "d" -> ChronoUnit.DAYS;
            case "hour", "hours", "hh" -> ChronoUnit.HOURS;
            case "minute", "minutes", "mi", "n" -> ChronoUnit.MINUTES;
            case "second", "seconds", "ss", "s" -> ChronoUnit.SECONDS;
            case "millisecond", "milliseconds", "ms" -> ChronoUnit.MILLIS;
            default -> null;
        };
    }

    private static Object single(Object v) {
        return v instanceof List ? null : v;
    }

    private static void count(Call c, List<Ev> a, int n) {
        if (a.size() != n || c.star()) {
            throw RuleSyntaxException.inQuery(c.name().toUpperCase(Locale.ROOT) + " takes " + n + " argument"
                    + (n == 1 ? "" : "s"), c.offset());
        }
    }

    private static void atLeast(Call c, List<Ev> a, int n) {
        if (a.size() < n || c.star()) {
            throw RuleSyntaxException.inQuery(c.name().toUpperCase(Locale.ROOT) + " takes at least " + n
                    + " arguments", c.offset());
        }
    }
}
