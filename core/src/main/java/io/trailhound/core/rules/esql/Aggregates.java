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
 * Accumulators of consecutive slices of rows merge; where the merged value could differ from
 * adding the rows one by one (mixed types for MIN/MAX, sums whose rounding or overflow depends
 * on the order), merging says so and the window is aggregated from its rows instead.
 */
final class Aggregates {
    private static final Set<String> NAMES = Set.of("count", "count_distinct", "values", "min", "max", "sum", "avg");

    /** One group's running aggregate. */
    interface Acc {
        /** One row's value of the argument ({@code COUNT(*)}: any non-null marker). */
        void add(Object v);

        Object result();

        /**
         * Folds in {@code later}, an accumulator of the same function over rows that come after
         * this one's. False when that could differ from adding those rows one by one; this one is
         * then to be thrown away.
         */
        boolean merge(Acc later);
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
            case "count_distinct" -> () -> new Distinct(true);
            case "values" -> () -> new Distinct(false);
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

        @Override
        public boolean merge(Acc later) {
            n += ((CountRows) later).n;
            return true;
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

        @Override
        public boolean merge(Acc later) {
            n += ((CountValues) later).n;
            return true;
        }
    }

    /**
     * The distinct values seen, in first-seen order: COUNT_DISTINCT gives how many, VALUES the
     * values themselves. Merging keeps this one's order, then the new ones of the later slice.
     */
    private static final class Distinct implements Acc {
        final Set<Object> seen = new LinkedHashSet<>();
        final boolean count;

        Distinct(boolean count) {
            this.count = count;
        }

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
            return count ? (Object) (long) seen.size() : EsqlValues.multi(new ArrayList<>(seen));
        }

        @Override
        public boolean merge(Acc later) {
            seen.addAll(((Distinct) later).seen);
            return true;
        }
    }

    /**
     * MIN (sign -1) or MAX (sign 1) of comparable values: numbers, dates, strings, booleans. Values
     * of one class are totally ordered, so the best of two slices is the better of their bests;
     * across classes comparisons convert, and the result can depend on the order of the values.
     */
    private static final class Extreme implements Acc {
        final int sign;
        Object best;
        Class<?> kind; // the class of every value seen, null before the first
        boolean mixed; // values of more than one class (or a null in a list)

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
            if (o == null || kind != null && kind != o.getClass()) {
                mixed = true;
            } else {
                kind = o.getClass();
            }
            Integer c = best == null ? Integer.valueOf(sign) : EsqlValues.compare(o, best);
            if (c != null && c * sign > 0) {
                best = o;
            }
        }

        @Override
        public Object result() {
            return best;
        }

        @Override
        public boolean merge(Acc later) {
            Extreme x = (Extreme) later;
            if (mixed || x.mixed || kind != null && x.kind != null && kind != x.kind) {
                return false;
            }
            if (x.kind == null) {
                return true;
            }
            if (kind == null) {
                best = x.best;
                kind = x.kind;
                return true;
            }
            Integer c = EsqlValues.compare(x.best, best);
            if (c == null) {
                return false;
            }
            if (c * sign > 0) { // ties keep the earlier, as adding one by one does
                best = x.best;
            }
            return true;
        }
    }

    private static final class Sum implements Acc {
        final LongSum whole = new LongSum();
        final DoubleSum fraction = new DoubleSum();
        boolean any;
        boolean decimal;

        @Override
        public void add(Object v) {
            for (Object o : EsqlValues.values(v)) {
                Object n = o instanceof String s ? EsqlValues.toNumber(s) : o;
                if (n instanceof Long l) {
                    whole.add(l);
                    any = true;
                } else if (n instanceof Number d) {
                    fraction.add(d.doubleValue());
                    decimal = true;
                    any = true;
                }
            }
        }

        @Override
        public Object result() {
            if (!any || whole.overflow) {
                return null;
            }
            return decimal ? (Object) (whole.sum + fraction.sum) : (Object) whole.sum;
        }

        @Override
        public boolean merge(Acc later) {
            Sum x = (Sum) later;
            any |= x.any;
            decimal |= x.decimal;
            return whole.merge(x.whole) && fraction.merge(x.fraction);
        }
    }

    private static final class Avg implements Acc {
        final DoubleSum sum = new DoubleSum();
        long n;

        @Override
        public void add(Object v) {
            for (Object o : EsqlValues.values(v)) {
                Double d = EsqlValues.toDouble(o);
                if (d != null) {
                    sum.add(d);
                    n++;
                }
            }
        }

        @Override
        public Object result() {
            return n == 0 ? null : sum.sum / n;
        }

        @Override
        public boolean merge(Acc later) {
            Avg x = (Avg) later;
            n += x.n;
            return sum.merge(x.sum);
        }
    }

    /**
     * A running sum of longs that overflows as adding one by one does (an overflowing value is
     * left out and the sum is null). {@code reach} bounds every partial sum's magnitude, so a
     * later slice merges when no partial sum of the two could overflow.
     */
    private static final class LongSum {
        long sum;
        long reach;
        boolean overflow;

        void add(long l) {
            try {
                sum = Math.addExact(sum, l);
            } catch (ArithmeticException e) {
                overflow = true;
                return;
            }
            reach = Math.max(reach, magnitude(sum));
        }

        boolean merge(LongSum later) {
            long from = magnitude(sum);
            if (overflow || later.overflow || later.reach > Long.MAX_VALUE - from) {
                return false;
            }
            reach = Math.max(reach, from + later.reach);
            sum += later.sum;
            return true;
        }

        private static long magnitude(long v) {
            return v == Long.MIN_VALUE ? Long.MAX_VALUE : Math.abs(v);
        }
    }

    /**
     * A running sum of doubles. Rounding makes it depend on the order of the values, except while
     * it is exact: whole values with every partial sum under 2^53. Only then do slices merge.
     */
    private static final class DoubleSum {
        private static final double EXACT = 0x1p53;
        double sum;
        double reach;
        boolean exact = true;

        void add(double d) {
            sum += d;
            reach = Math.max(reach, Math.abs(sum));
            exact &= d == Math.rint(d) && reach < EXACT;
        }

        boolean merge(DoubleSum later) {
            double from = Math.abs(sum);
            if (!exact || !later.exact || from + later.reach >= EXACT) {
                return false;
            }
            reach = Math.max(reach, from + later.reach);
            sum += later.sum;
            return true;
        }
    }

}
