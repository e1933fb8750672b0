package io.trailhound.core.rules.esql;

import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.rules.esql.EsqlAst.Command;
import io.trailhound.core.rules.esql.EsqlAst.Expr;
import io.trailhound.core.rules.ir.Predicate;
import io.trailhound.core.rules.ir.Predicates;
import io.trailhound.core.rules.ir.RowQuery;
import io.trailhound.core.rules.ir.Stateful;
import io.trailhound.core.rules.ir.Wildcard;
import io.trailhound.core.rules.load.RuleSyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compiles an ES|QL rule query ({@link EsqlParser}) for the engine. The query splits in two:
 * <ul>
 *   <li>the <b>per-event part</b>, its leading row-wise commands ({@code WHERE EVAL GROK DISSECT
 *       KEEP DROP RENAME MV_EXPAND}) that do not read {@code NOW()}: it runs in the reading
 *       threads on each event, after an IR {@link Prefilter} drawn from its {@code WHERE}s (which
 *       indexes the rule by event name like any other);</li>
 *   <li>the <b>window part</b>, from the first {@code STATS}, {@code SORT}, {@code LIMIT} or
 *       {@code NOW()} on: it runs over the rows of a window of events, once per execution of the
 *       rule's schedule ({@link Stateful.Query}); each result row is an alert. A query without
 *       one alerts on each event its per-event part keeps.</li>
 * </ul>
 * {@code WHERE a AND b} is two filters, and a filter without {@code NOW()} moves before one with
 * it, so as much as possible runs per event. {@code FROM} must name a CloudTrail index
 * ({@code logs-aws.cloudtrail-*}); the other indices it names are noted, their legs never match
 * ({@code data_stream.dataset} is {@code aws.cloudtrail} on every event).
 */
public final class EsqlCompiler {
    /** A data stream name every CloudTrail index pattern of Elastic's AWS integration matches. */
    private static final String CLOUDTRAIL_INDEX = "logs-aws.cloudtrail-default";

    private EsqlCompiler() {
    }

    /**
     * Compiles {@code query}. A malformed query is a {@link RuleSyntaxException} at its offset; a
     * query using what this engine does not run gives an {@link EsqlRule} that says so.
     */
    public static EsqlRule compile(String query, EsqlEnvironment env, Duration lookBack, Duration interval) {
        List<Command> commands;
        try {
            commands = EsqlParser.parse(query);
        } catch (Unsupported u) {
            return new EsqlRule(null, null, List.of(), u.getMessage(), u.offset());
        }
        EsqlAst.From from = (EsqlAst.From) commands.get(0);
        List<String> others = new ArrayList<>();
        boolean cloudTrail = false;
        for (String index : from.indices()) {
            if (Wildcard.parse(index, false).test(CLOUDTRAIL_INDEX)) {
                cloudTrail = true;
            } else {
                others.add(index);
            }
        }
        if (!cloudTrail) {
            return new EsqlRule(null, null, List.of(), "reads " + String.join(", ", from.indices())
                    + ", not CloudTrail (logs-aws.cloudtrail-*)", from.offset());
        }
        List<String> notes = others.isEmpty() ? List.of() : List.of("FROM also reads " + String.join(", ", others)
                + ": runs on its CloudTrail part only");
        try {
            return new EsqlCompiler.Plan(env).compile(split(commands.subList(1, commands.size())), notes,
                    lookBack, interval);
        } catch (Unsupported u) {
            return new EsqlRule(null, null, notes, u.getMessage(), u.offset());
        }
    }

    /** {@code WHERE a AND b} as two WHEREs; WHEREs without NOW() moved before adjacent ones with it. */
    private static List<Command> split(List<Command> commands) {
        List<Command> out = new ArrayList<>();
        for (Command c : commands) {
            if (c instanceof EsqlAst.Where w) {
                List<Expr> parts = new ArrayList<>();
                conjuncts(w.condition(), parts);
                for (Expr p : parts) {
                    EsqlAst.Where where = new EsqlAst.Where(p, p.offset());
                    int at = out.size();
                    if (!Names.readsNow(where)) {
                        while (at > 0 && out.get(at - 1) instanceof EsqlAst.Where prev && Names.readsNow(prev)) {
                            at--;
                        }
                    }
                    out.add(at, where);
                }
            } else {
                out.add(c);
            }
        }
        return out;
    }

    private static void conjuncts(Expr e, List<Expr> out) {
        if (e instanceof EsqlAst.Binary b && b.op().equals("and")) {
            conjuncts(b.left(), out);
            conjuncts(b.right(), out);
        } else {
            out.add(e);
        }
    }

    /** One compilation. */
    private static final class Plan {
        private final EsqlEnvironment env;

        Plan(EsqlEnvironment env) {
            this.env = env;
        }

        EsqlRule compile(List<Command> commands, List<String> notes, Duration lookBack, Duration interval) {
            boolean windowed = commands.stream().anyMatch(c -> c instanceof EsqlAst.Stats
                    || c instanceof EsqlAst.Limit || Names.readsNow(c));
            int split = 0;
            while (split < commands.size() && RowSteps.isRowWise(commands.get(split))
                    && !Names.readsNow(commands.get(split))) {
                split++;
            }
            List<Command> perEvent = commands.subList(0, split);
            List<Command> rest = commands.subList(split, commands.size());
            if (!windowed) {
                // Only SORTs can be left: the order of per-event alerts is the order of events.
                perEvent = commands.stream().filter(c -> !(c instanceof EsqlAst.Sort)).toList();
                rest = List.of();
            }
            Scope scope = Scope.ofEvent(env);
            ExprCompiler exprs = new ExprCompiler(scope, env);
            Prefilter prefilter = new Prefilter(scope, env);
            List<Object> ops = new ArrayList<>();
            List<Predicate> conditions = new ArrayList<>();
            Constants constants = new Constants(env);
            for (Command c : perEvent) {
                constants.next(c, scope);
                if (c instanceof EsqlAst.MvExpand m) {
                    Ev source = scope.ref(m.column(), m.offset());
                    ops.add(new PerEventPart.Expand(source, scope.define(m.column())));
                    continue;
                }
                if (c instanceof EsqlAst.Where w) {
                    conditions.add(prefilter.whenTrue(w.condition()));
                }
                Step s = RowSteps.compile(c, scope, exprs);
                if (s != null) {
                    ops.add(s);
                }
            }
            int[] rowSize = {0};
            RowQuery query;
            if (windowed) {
                List<String> carried = carried(rest, scope);
                Ev[] outputs = new Ev[carried.size()];
                for (int i = 0; i < outputs.length; i++) {
                    outputs[i] = scope.ref(carried.get(i), 0);
                }
                PerEventPart events = new PerEventPart(ops, scope.slots(), outputs, rowSize);
                WindowPart window = window(rest, carried, rowSize);
                query = new EsqlQuery(events, window, null);
            } else {
                Map<String, Integer> shown = new LinkedHashMap<>(scope.columns());
                List<String> fields = scope.keptEventFields();
                List<Ev> outputs = new ArrayList<>();
                Map<String, Integer> names = new LinkedHashMap<>();
                for (Map.Entry<String, Integer> c : shown.entrySet()) {
                    names.put(c.getKey(), outputs.size());
                    outputs.add(scope.ref(c.getKey(), 0));
                }
                for (String f : fields) {
                    if (!names.containsKey(f)) {
                        names.put(f, outputs.size());
                        outputs.add(scope.ref(f, 0));
                    }
                }
                PerEventPart events = new PerEventPart(ops, scope.slots(), outputs.toArray(new Ev[0]), rowSize);
                query = new EsqlQuery(events, null, names);
            }
            if (windowed && !rest.isEmpty() && rest.get(0) instanceof EsqlAst.Stats st && !Names.readsNow(st)
                    && GroupNeeds.noGroupPasses(st, rest.subList(1, rest.size()), e -> constants.valueAtEnd(e, scope))) {
                conditions.add(Predicate.Const.FALSE); // no result on any events: no event needs a look
            }
            return new EsqlRule(Predicates.and(conditions), new Stateful.Query(query, lookBack, interval), notes,
                    null, -1);
        }

        /**
         * The columns of the per-event part the window part reads, in first-use order: what its
         * commands up to the first STATS read and did not make themselves (after a STATS only
         * its columns are left).
         */
        private List<String> carried(List<Command> rest, Scope scope) {
            Set<String> names = new LinkedHashSet<>();
            Set<String> made = new java.util.HashSet<>();
            for (Command c : rest) {
                Set<String> read = new LinkedHashSet<>();
                Names.collect(c, read);
                read.removeAll(made);
                names.addAll(read);
                if (c instanceof EsqlAst.Stats) {
                    break;
                }
                Names.defined(c, made);
            }
            List<String> out = new ArrayList<>();
            for (String n : names) {
                if (n.contains("*")) {
                    Wildcard w = Wildcard.parse(n, false);
                    for (String col : scope.columns().keySet()) {
                        if (w.test(col) && !out.contains(col)) {
                            out.add(col);
                        }
                    }
                    for (String field : env.fieldNames()) {
                        if (w.test(field) && scope.isEventField(field) && !out.contains(field)) {
                            out.add(field);
                        }
                    }
                } else if ((scope.columns().containsKey(n) || scope.isEventField(n)) && !out.contains(n)) {
                    out.add(n);
                }
            }
            return out;
        }

        private WindowPart window(List<Command> rest, List<String> carried, int[] firstWidth) {
            Scope scope = Scope.ofColumns(carried);
            ExprCompiler exprs = new ExprCompiler(scope, null);
            List<WindowPart.Op> ops = new ArrayList<>();
            int[] width = firstWidth;
            boolean readsNow = false;
            boolean statsFirstWithoutNow = !rest.isEmpty() && rest.get(0) instanceof EsqlAst.Stats first
                    && !Names.readsNow(first);
            GroupNeeds needs = null;
            for (Command c : rest) {
                readsNow |= Names.readsNow(c);
                if (c instanceof EsqlAst.Stats st) {
                    width[0] = scope.slots();
                    List<WindowOps.Agg> aggs = new ArrayList<>();
                    for (EsqlAst.Aggregate a : st.aggregates()) {
                        EsqlAst.Call call = a.call();
                        Ev arg = call.star() || call.args().isEmpty() ? null : exprs.compile(call.args().get(0));
                        Ev filter = a.filter() == null ? null : exprs.compile(a.filter());
                        aggs.add(new WindowOps.Agg(Aggregates.of(call), arg, filter));
                    }
                    Ev[] groups = new Ev[st.groups().size()];
                    for (int i = 0; i < groups.length; i++) {
                        groups[i] = exprs.compile(st.groups().get(i).value());
                    }
                    width = new int[1];
                    ops.add(new Stats(aggs, groups, width));
                    if (ops.size() == 1 && statsFirstWithoutNow) { // its rows are the per-event rows as held
                        needs = GroupNeeds.of(st, aggs, groups, rest.subList(1, rest.size()));
                    }
                    scope = Scope.ofColumns(WindowOps.statsColumns(st.aggregates(), st.groups()));
                    exprs = new ExprCompiler(scope, null);
                } else if (c instanceof EsqlAst.Sort so) {
                    List<WindowOps.SortKey> keys = new ArrayList<>();
                    for (EsqlAst.SortKey k : so.keys()) {
                        keys.add(new WindowOps.SortKey(exprs.compile(k.key()), k.descending(), k.nullsFirst()));
                    }
                    ops.add(WindowOps.sort(keys));
                } else if (c instanceof EsqlAst.Limit l) {
                    ops.add(WindowOps.limit(l.count()));
                } else if (c instanceof EsqlAst.MvExpand m) {
                    Ev source = scope.ref(m.column(), m.offset());
                    ops.add(WindowOps.mvExpand(source, scope.define(m.column())));
                } else {
                    Step s = RowSteps.compile(c, scope, exprs);
                    if (s != null) {
                        ops.add(WindowOps.rowWise(s));
                    }
                }
            }
            width[0] = scope.slots(); // rows of each segment are made this wide, so its EVALs write in place
            return new WindowPart(ops, scope.columns(), readsNow, statsFirstWithoutNow, needs);
        }
    }

    /** The {@link RowQuery} the engine runs. */
    private record EsqlQuery(PerEventPart events, WindowPart window, Map<String, Integer> shown)
            implements RowQuery {
        @Override
        public Object rows(CloudTrailEvent event) {
            return events.rows(event);
        }

        @Override
        public boolean windowed() {
            return window != null;
        }

        @Override
        public boolean readsNow() {
            return window != null && window.readsNow();
        }

        @Override
        public Map<String, String> columns(Object rows) {
            return WindowPart.columns(shown, PerEventPart.asRows(rows)[0]);
        }

        @Override
        public List<Result> run(List<Object> inputs, long nowMillis) {
            return window.run(inputs, nowMillis);
        }

        @Override
        public Slices slices() {
            return window == null ? null : window.slices();
        }

        @Override
        public Needs needs() {
            return window == null ? null : window.needs();
        }

        @Override
        public void writeRows(Object rows, java.io.DataOutput out) throws java.io.IOException {
            RowCodec.write(rows, out);
        }

        @Override
        public Object readRows(java.io.DataInput in) throws java.io.IOException {
            return RowCodec.read(in);
        }

        @Override
        public boolean writesRowsExactly() {
            return true;
        }
    }
}
