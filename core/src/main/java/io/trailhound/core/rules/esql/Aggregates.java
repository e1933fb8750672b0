package io.trailhound.core.rules.esql;

import io.trailhound.core.rules.esql.EsqlAst.Call;
import io.trailhound.core.rules.load.RuleSyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The aggregate functions of {@code STATS}: {@code COUNT COUNT_DISTINCT VALUES MIN MAX SUM AVG},
 * as ES|QL computes them: over every value of a multi-valued input, skipping nulls
 * ({@code COUNT(*)} counts rows); {@code COUNT_DISTINCT} exact; {@code VALUES} the distinct values
 * in first-seen order (ES|QL leaves the order open). An empty input gives null, counts 0.
 */
final class Aggregates {
    private static final Set<String> NAMES = Set.of("count", "count_distinct", "values", "min", "max", "sum", "avg");

    /** One group's running aggregate. */
    interface Acc {
        /** One row's value of the argument ({@code COUNT(*)}: any non-null marker). */
        void add(Object v);

        Object result();
    }

    private Aggregates() {
    }

    static boolean isAggregate(String name) {
        return NAMES.contains(name);
    }

    static Supplier<Acc> of(Call c) {
        int args = c.star() ? 0 : c.args().size();
        boolean countStar = c.name().equals("count") && (c.star() || args == 0);
        if (!isAggregate(c.name())) {
            throw new Unsupported("aggregate function " + c.name().toUpperCase(Locale.ROOT)
                    + "() is not supported", c.offset());
        }
        if (!countStar && args != 1 && !(c.name().equals("count_distinct") && args == 2)) {
            throw RuleSyntaxException.inQuery(c.name().toUpperCase(Locale.ROOT) + " takes one argument", c.offset());
        }
        return switch (c.name()) {
            case "count" -> countStar ? CountRows::new : CountValues::new;
            case "count_distinct" -> Distinct::new;
            case "values" -> Values::new;
            case "min" -> () -> new Extreme(-1);
            case "max" -> () -> new Extreme(1);
            case "sum" -> Sum::new;
            default -> Avg::new;
        };
    }

    private static final class CountRows implements Acc {
        long n;

        @Override
        public void add(Object v) {
            n++;
        }

        @Override
        public Object result() {
            return n;
        }
    }

    private static final class CountValues implements Acc {
        long n;

        @Override
        public void add(Object v) {
            n += v instanceof List<?> l ? l.size() : 1;
        }

        @Override
        public Object result() {
            return n;
        }
    }

    private static final class Distinct implements Acc {
        final Set<Object> seen = new LinkedHashSet<>();

        @Override
        public void add(Object v) {
            if (v instanceof List<?> l) {
                seen.addAll(l);
            } else {
                seen.add(v);
            }
        }

        @Override
        public Object result() {
            return (long) seen.size();
        }
    }

    private static final class Values implements Acc {
        final Set<Object> seen = new LinkedHashSet<>();

        @Override
        public void add(Object v) {
            if (v instanceof List<?> l) {
                seen.addAll(l);
            } else {
                seen.add(v);
            }
        }

        @Override
        public Object result() {
            return EsqlValues.multi(new ArrayList<>(seen));
        }
    }

    /** MIN (sign -1) or MAX (sign 1) of comparable values: numbers, dates, strings, booleans. */
    private static final class Extreme implements Acc {
        final int sign;
        Object best;

        Extreme(int sign) {
            this.sign = sign;
        }

        @Override
        public void add(Object v) {
            if (v instanceof List<?> l) {
                l.forEach(this::one);
            } else {
                one(v);
            }
        }

        private void one(Object o) {
            Integer c = best == null ? Integer.valueOf(sign) : EsqlValues.compare(o, best);
            if (c != null && c * sign > 0) {
                best = o;
            }
        }

        @Override
        public Object result() {
            return best;
        }
    }

    private static final class Sum implements Acc {
        long whole;
        double fraction;
        boolean any;
        boolean decimal;
        boolean overflow;

        @Override
        public void add(Object v) {
            for (Object o : EsqlValues.values(v)) {
                Object n = o instanceof String s ? EsqlValues.toNumber(s) : o;
                if (n instanceof Long l) {
                    try {
                        whole = Math.addExact(whole, l);
                    } catch (ArithmeticException e) {
                        overflow = true;
                    }
                    any = true;
                } else if (n instanceof Number d) {
                    fraction += d.doubleValue();
                    decimal = true;
                    any = true;
                }
            }
        }

        @Override
        public Object result() {
            if (!any || overflow) {
                return null;
            }
            return decimal ? (Object) (whole + fraction) : (Object) whole;
        }
    }

    private static final class Avg implements Acc {
        double sum;
        long n;

        @Override
        public void add(Object v) {
            for (Object o : EsqlValues.values(v)) {
                Double d = EsqlValues.toDouble(o);
                if (d != null) {
                    sum += d;
                    n++;
                }
            }
        }

        @Override
        public Object result() {
            return n == 0 ? null : sum / n;
        }
    }

}
