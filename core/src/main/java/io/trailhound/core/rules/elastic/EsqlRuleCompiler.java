package io.trailhound.core.rules.elastic;

import io.trailhound.core.rules.LoadProblem;
import io.trailhound.core.rules.esql.EsqlCompiler;
import io.trailhound.core.rules.esql.EsqlRule;
import io.trailhound.core.rules.ir.CompiledRule;
import io.trailhound.core.rules.ir.Predicate;
import io.trailhound.core.rules.load.Position;
import io.trailhound.core.rules.load.Problems;
import io.trailhound.core.rules.load.RuleSyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * An {@code esql} rule: its query compiled by {@link EsqlCompiler} over the ECS view
 * ({@link EcsEnvironment}), run every {@code interval} over the look-back {@code from} as Kibana
 * schedules it. A query that does not parse is an error at its line and column; one using what
 * the ES|QL engine does not run, or reading no CloudTrail index, loads disabled with the reason
 * and where, reported as a warning so {@code rules validate} shows it.
 */
final class EsqlRuleCompiler {
    /** What a compiled query without GeoIP databases depends on: its text and schedule. */
    private record Compiled(String query, Duration lookBack, Duration interval) {
    }

    /** Compiled queries kept for reuse, at most. */
    static final int MAX_REMEMBERED = 512;

    /**
     * The queries compiled lately, so that the same query loaded again (the same pack under other
     * ids, a copy of a rule in a team's own pack) is the same {@link io.trailhound.core.rules.ir.RowQuery}
     * instance: the engine then computes its rows once per event and runs its windows once for all
     * the rules that have it. Compiling is deterministic and compiled queries are immutable, so the
     * earlier instance is the same query; the least recently used is forgotten first. Only queries
     * compiled without GeoIP databases are kept: a compiled query holds its databases, which must
     * not outlive the run that opened them.
     */
    private static final java.util.Map<Compiled, EsqlRule> REMEMBERED = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(java.util.Map.Entry<Compiled, EsqlRule> eldest) {
                    return size() > MAX_REMEMBERED;
                }
            });

    private final GeoIp geo;

    EsqlRuleCompiler(GeoIp geo) {
        this.geo = geo;
    }

    CompiledRule compile(ElasticRuleDocument doc, Problems problems) {
        String query = doc.text("query");
        if (query == null || query.isBlank()) {
            ElasticRuleCompiler.report(problems, doc, LoadProblem.Level.ERROR, doc.ruleLine(), "ELASTIC_NO_QUERY",
                    "rule has no query");
            return null;
        }
        String from = doc.text("from") != null ? doc.text("from") : RuleInfoReader.DEFAULT_FROM;
        String every = doc.text("interval") != null ? doc.text("interval") : RuleInfoReader.DEFAULT_INTERVAL;
        Duration lookBack = DateMath.lookBack(from);
        Duration interval = DateMath.duration(every);
        if (lookBack == null || interval == null || interval.isZero()) {
            ElasticRuleCompiler.report(problems, doc, LoadProblem.Level.ERROR, doc.ruleLine(), "ELASTIC_BAD_RULE",
                    "ES|QL rule 'from' '" + from + "' or 'interval' '" + every + "' is not a look-back and a duration");
            return null;
        }
        FieldResolver fields = new FieldResolver(geo);
        EsqlRule rule;
        try {
            // Compiled every time: the field resolver learns what the rule needs from it.
            rule = EsqlCompiler.compile(query, new EcsEnvironment(fields), lookBack, interval);
            EsqlRule before = geo == GeoIp.NONE ? REMEMBERED.putIfAbsent(new Compiled(query, lookBack, interval), rule)
                    : null;
            rule = before != null ? before : rule;
        } catch (RuleSyntaxException e) {
            problems.add(LoadProblem.Level.ERROR, at(doc, query, e.offset()), doc.name(), "ELASTIC_ESQL_SYNTAX",
                    "ES|QL: " + e.getMessage());
            return null;
        }
        if (!rule.runnable()) {
            Position where = at(doc, query, rule.unsupportedAt());
            String reason = "ES|QL: " + rule.unsupported() + " (line " + where.line() + ")";
            problems.add(LoadProblem.Level.WARNING, where, doc.name(), "ELASTIC_ESQL_UNSUPPORTED",
                    "loaded disabled: " + reason);
            return new CompiledRule(RuleInfoReader.read(doc, false, reason, rule.notes()), Predicate.Const.FALSE,
                    null, new ElasticOutputTemplate(doc.name(), List.of(), geo));
        }
        List<String> needs = new ArrayList<>(rule.notes());
        for (String note : rule.notes()) {
            ElasticRuleCompiler.report(problems, doc, LoadProblem.Level.NOTICE, doc.queryLine(), "ELASTIC_ESQL_INDICES",
                    "loaded: " + note);
        }
        needs.addAll(ElasticRuleCompiler.needs(doc, fields, problems));
        List<String> shown = ElasticRuleCompiler.investigationFields(doc);
        return new CompiledRule(RuleInfoReader.read(doc, true, null, needs), rule.prefilter(), rule.query(),
                new ElasticOutputTemplate(doc.name(), shown, geo));
    }

    /** The file position of an offset in the query: its line, and its column within that line. */
    private static Position at(ElasticRuleDocument doc, String query, int offset) {
        int line = doc.lineOfQueryOffset(offset);
        int column = 0;
        if (offset >= 0 && offset <= query.length()) {
            column = offset - (offset > 0 ? query.lastIndexOf('\n', offset - 1) : -1); // 1-based
        }
        return new Position(doc.file(), line, column);
    }
}
