package io.trailhound.core.rules.esql;

import io.trailhound.core.rules.esql.EsqlAst.Binary;
import io.trailhound.core.rules.esql.EsqlAst.Column;
import io.trailhound.core.rules.esql.EsqlAst.Command;
import io.trailhound.core.rules.esql.EsqlAst.Expr;
import io.trailhound.core.rules.esql.EsqlAst.IsNull;
import io.trailhound.core.rules.esql.EsqlAst.Literal;
import io.trailhound.core.rules.esql.WindowOps.Agg;
import io.trailhound.core.rules.ir.RowQuery;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a {@code STATS ... BY} group must hold for the {@code WHERE}s right after it to keep it:
 * {@code COUNT(*) WHERE flag == 1 > 0} needs a row with the flag, {@code SUM(x) >= 1} a row with
 * {@code x > 0}, {@code MIN(t) > ...} a row with {@code t}, {@code key IS NOT NULL} a row whose
 * key is not null. A row whose key has no such row within a look-back of it cannot be in a kept
 * group, so the engine drops it before the windows run (Elastic's AWS rules correlate a rare
 * event, an AssumeRoleWithWebIdentity or a CreateAccessKey, with many common ones; without the
 * rare one, none of the common ones can alert). Each need is necessary, never sufficient: what
 * is not understood here adds no need.
 */
final class GroupNeeds implements RowQuery.Needs {
    /** How a row's aggregate argument must look for the row to meet a need. */
    private enum Test { ANY, NON_NULL, POSITIVE }

    /**
     * A row meets it when the aggregate's own WHERE is TRUE (or absent) and its argument passes the
     * test; a kept group holds at least {@code rows} such rows.
     */
    private record Need(Ev filter, Ev arg, Test test, int rows) {
        Need(Ev filter, Ev arg, Test test) {
            this(filter, arg, test, 1);
        }
    }

    /** Needs kept at most: one bit each in {@link #describe}'s answer. */
    private static final int MAX_NEEDS = 31;
    /** The most rows a count's threshold asks for that is looked for ({@code COUNT(*) >= 10} asks for 10). */
    private static final int MAX_ROWS = 1024;
    private static final Set<String> COMPARISONS = Set.of("==", "!=", "<", "<=", ">", ">=");
    /** Aggregates that are null over rows without a value. */
    private static final Set<String> NULL_WHEN_EMPTY = Set.of("sum", "min", "max", "avg", "values");

    private final Ev[] groups;
    private final List<Need> needs;

    private GroupNeeds(Ev[] groups, List<Need> needs) {
        this.groups = groups;
        this.needs = List.copyOf(needs);
    }

    /**
     * The needs the WHEREs at the start of {@code after} (the commands after {@code st}) put on
     * the groups of {@code st}, compiled as {@code aggs} and {@code groupEvs}; null when none.
     */
    static GroupNeeds of(EsqlAst.Stats st, List<Agg> aggs, Ev[] groupEvs, List<Command> after) {
        Map<String, Integer> names = names(st);
        List<Need> needs = new ArrayList<>();
        for (Command c : after) {
            if (!(c instanceof EsqlAst.Where w)) {
                break; // past another command, rows of failing groups may matter (a LIMIT before the WHERE)
            }
            Need n = need(w.condition(), st, aggs, groupEvs, names);
            if (n != null && needs.size() < MAX_NEEDS) {
                needs.add(n);
            }
        }
        return needs.isEmpty() ? null : new GroupNeeds(groupEvs, needs);
    }

    /** Aggregates' columns 0.., groups' -1..; a name given twice: {@code Integer.MIN_VALUE}. */
    private static Map<String, Integer> names(EsqlAst.Stats st) {
        Map<String, Integer> names = new HashMap<>();
        for (int i = 0; i < st.aggregates().size(); i++) {
            names.merge(st.aggregates().get(i).name(), i, (a, b) -> Integer.MIN_VALUE);
        }
        for (int i = 0; i < st.groups().size(); i++) {
            names.merge(st.groups().get(i).name(), -1 - i, (a, b) -> Integer.MIN_VALUE);
        }
        return names;
    }

    /**
     * Whether the WHEREs at the start of {@code after} drop every group of {@code st} whatever its
     * rows, an aggregate's argument being one value on every row ({@code constant}: that value in
     * an array, else null): {@code COUNT_DISTINCT} of a value that is not null nor multi-valued is
     * 1, or 0 under a filter, and the WHERE passes neither (the multi-cloud rules' vendor count);
     * {@code SUM} of null or a number not above 0 is not above 0, and the WHERE wants it positive
     * (the SSM rule's count of endpoint events, over CloudTrail alone).
     */
    static boolean noGroupPasses(EsqlAst.Stats st, List<Command> after, java.util.function.Function<Expr, Object[]> constant) {
        Map<String, Integer> names = names(st);
        for (Command c : after) {
            if (!(c instanceof EsqlAst.Where w)) {
                return false;
            }
            if (w.condition() instanceof Binary b && COMPARISONS.contains(b.op())
                    && (neverPasses(b.left(), b.op(), b.right(), st, names, constant)
                    || neverPasses(b.right(), mirror(b.op()), b.left(), st, names, constant))) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code side op other} is never TRUE, {@code side} an aggregate of one constant value (see {@link #noGroupPasses}). */
    private static boolean neverPasses(Expr side, String op, Expr other, EsqlAst.Stats st, Map<String, Integer> names,
                                       java.util.function.Function<Expr, Object[]> constant) {
        if (!(side instanceof Column c) || !(other instanceof Literal l) || !(l.value() instanceof Number n)) {
            return false;
        }
        int at = names.getOrDefault(c.name(), Integer.MIN_VALUE);
        EsqlAst.Call call = at < 0 ? null : st.aggregates().get(at).call();
        if (call == null || call.star() || call.args().isEmpty()) {
            return false;
        }
        Object[] v = constant.apply(call.args().get(0));
        if (v == null || v[0] instanceof List) {
            return false;
        }
        if (call.name().equals("count_distinct")) {
            return v[0] != null && !Boolean.TRUE.equals(holds(op, EsqlValues.compare(0L, n)))
                    && !Boolean.TRUE.equals(holds(op, EsqlValues.compare(1L, n)));
        }
        // As the POSITIVE need reads a sum's comparison: it holds only for a sum above 0.
        return call.name().equals("sum") && (v[0] == null || v[0] instanceof Long x && x <= 0)
                && (op.equals(">") && n.doubleValue() >= 0 || op.equals(">=") && n.doubleValue() > 0);
    }

    private static Need need(Expr e, EsqlAst.Stats st, List<Agg> aggs, Ev[] groupEvs, Map<String, Integer> names) {
        if (e instanceof IsNull n && n.negated() && n.operand() instanceof Column c) {
            int at = names.getOrDefault(c.name(), Integer.MIN_VALUE);
            if (at < 0 && at != Integer.MIN_VALUE) {
                return new Need(null, groupEvs[-1 - at], Test.NON_NULL);
            }
            return at >= 0 && nullWhenEmpty(st, at) ? new Need(aggs.get(at).filter(), aggs.get(at).arg(), Test.NON_NULL)
                    : null;
        }
        if (!(e instanceof Binary b) || !COMPARISONS.contains(b.op())) {
            return null;
        }
        Need left = comparedAggregate(b.left(), b.op(), b.right(), st, aggs, names);
        return left != null ? left : comparedAggregate(b.right(), mirror(b.op()), b.left(), st, aggs, names);
    }

    /** The need of {@code side op other} when {@code side} is an aggregate's column. */
    private static Need comparedAggregate(Expr side, String op, Expr other, EsqlAst.Stats st, List<Agg> aggs,
                                          Map<String, Integer> names) {
        if (!(side instanceof Column c)) {
            return null;
        }
        int at = names.getOrDefault(c.name(), Integer.MIN_VALUE);
        if (at < 0) {
            return null;
        }
        Agg agg = aggs.get(at);
        String fn = st.aggregates().get(at).call().name();
        Object limit = other instanceof Literal l ? l.value() : null;
        if (fn.equals("count") || fn.equals("count_distinct")) {
            // A count is 0 over rows that reach nothing: a comparison false at 0 needs one that counts.
            if (!(limit instanceof Number) || Boolean.TRUE.equals(holds(op, EsqlValues.compare(0L, limit)))) {
                return null;
            }
            if (agg.arg() != null) {
                return new Need(agg.filter(), agg.arg(), Test.NON_NULL); // a row may count several values
            }
            // COUNT(*): a row counts one, so the threshold is a number of rows.
            int rows = 1;
            while (rows < MAX_ROWS && !Boolean.TRUE.equals(holds(op, EsqlValues.compare((long) rows, limit)))) {
                rows++;
            }
            return new Need(agg.filter(), null, Test.ANY, rows);
        }
        if (fn.equals("sum") && limit instanceof Number n && (op.equals(">") && n.doubleValue() >= 0
                || op.equals(">=") && n.doubleValue() > 0)) {
            return new Need(agg.filter(), agg.arg(), Test.POSITIVE); // a sum of values <= 0 is <= 0 (or null on overflow)
        }
        // Compared with null, a comparison is null, and WHERE keeps only TRUE.
        return nullWhenEmpty(st, at) ? new Need(agg.filter(), agg.arg(), Test.NON_NULL) : null;
    }

    private static boolean nullWhenEmpty(EsqlAst.Stats st, int at) {
        return NULL_WHEN_EMPTY.contains(st.aggregates().get(at).call().name());
    }

    private static Boolean holds(String op, Integer c) {
        if (c == null) {
            return null;
        }
        return switch (op) {
            case "==" -> c == 0;
            case "!=" -> c != 0;
            case "<" -> c < 0;
            case "<=" -> c <= 0;
            case ">" -> c > 0;
            default -> c >= 0;
        };
    }

    private static String mirror(String op) {
        return switch (op) {
            case "<" -> ">";
            case "<=" -> ">=";
            case ">" -> "<";
            case ">=" -> "<=";
            default -> op;
        };
    }

    @Override
    public int count() {
        return needs.size();
    }

    @Override
    public int rows(int need) {
        return needs.get(need).rows();
    }

    @Override
    public long describe(Object rows) {
        if (rows instanceof Object[][]) {
            return KEEP; // several rows (MV_EXPAND): not worth telling apart
        }
        Frame f = new Frame(null, (Object[]) rows, 0);
        Object[] key = new Object[groups.length];
        for (int i = 0; i < groups.length; i++) {
            key[i] = groups[i].eval(f);
            if (key[i] instanceof List) {
                return KEEP; // in several groups
            }
        }
        long met = 0;
        for (int i = 0; i < needs.size(); i++) {
            if (meets(needs.get(i), f)) {
                met |= 1L << i;
            }
        }
        // The hash a Stats.Key of these values has: equal keys, equal hashes.
        return (long) new Stats.Key(key).hashCode() << 32 | met;
    }

    private static boolean meets(Need n, Frame f) {
        if (n.filter() != null && !Boolean.TRUE.equals(n.filter().eval(f))) {
            return false;
        }
        if (n.arg() == null) {
            return true;
        }
        Object v = n.arg().eval(f);
        if (v == null || n.test() != Test.POSITIVE) {
            return v != null;
        }
        for (Object o : EsqlValues.values(v)) {
            Object x = o instanceof String s ? EsqlValues.toNumber(s) : o;
            // As Sum adds them: longs, and doubles (NaN compares above every number); anything else may count.
            if (x instanceof Long l ? l > 0 : !(x instanceof Number num) || !(num.doubleValue() <= 0)) {
                return true;
            }
        }
        return false;
    }
}
