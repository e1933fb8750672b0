package io.trailhound.core.rules.elastic;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailhound.core.rules.LoadProblem;
import io.trailhound.core.rules.ir.Accessor;
import io.trailhound.core.rules.ir.CompiledRule;
import io.trailhound.core.rules.ir.Matchers;
import io.trailhound.core.rules.ir.Predicate;
import io.trailhound.core.rules.ir.Predicates;
import io.trailhound.core.rules.ir.Stateful;
import io.trailhound.core.rules.load.Position;
import io.trailhound.core.rules.load.Problems;
import io.trailhound.core.rules.load.RuleSyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns one read rule into a {@link CompiledRule}: the query (KQL or EQL) into a predicate, the
 * rule type into a stateful operator ({@code new_terms}, {@code threshold}, EQL {@code sequence}),
 * and the rest into {@link io.trailhound.core.rules.ir.RuleInfo}; {@code esql} rules go to
 * {@link EsqlRuleCompiler}. A type we cannot run ({@code machine_learning}) still loads, disabled
 * with its reason; a query that does not parse is an error with its line.
 */
final class ElasticRuleCompiler {
    private static final Map<String, String> UNSUPPORTED_TYPES = Map.of(
            "machine_learning", "machine-learning rules need an Elastic ML job; they cannot run offline");

    private final GeoIp geo;
    private final EsqlRuleCompiler esql;

    /** {@code geo}: the GeoIP databases {@code source.geo.*} / {@code source.as.*} are looked up in. */
    ElasticRuleCompiler(GeoIp geo) {
        this.geo = geo;
        this.esql = new EsqlRuleCompiler(geo);
    }

    /** The compiled rule, or null when it failed; what is wrong or worth knowing goes to {@code problems}. */
    CompiledRule compile(ElasticRuleDocument doc, Problems problems) {
        String type = doc.text("type");
        String language = doc.text("language");
        if (type == null) {
            report(problems, doc, LoadProblem.Level.ERROR, doc.ruleLine(), "ELASTIC_NO_TYPE", "rule has no type");
            return null;
        }
        String unsupported = UNSUPPORTED_TYPES.get(type);
        if (unsupported == null && !List.of("query", "new_terms", "threshold", "eql", "esql").contains(type)) {
            unsupported = "rule type '" + type + "' is not supported";
        }
        if (unsupported == null && "esql".equals(type)) {
            return esql.compile(doc, problems);
        }
        if (unsupported == null && !"eql".equals(type) && language != null && !"kuery".equals(language)) {
            unsupported = "query language '" + language + "' is not supported for type " + type;
        }
        if (unsupported != null) {
            report(problems, doc, LoadProblem.Level.NOTICE, doc.ruleLine(), "ELASTIC_UNSUPPORTED_TYPE",
                    "loaded disabled: " + unsupported);
            return new CompiledRule(RuleInfoReader.read(doc, false, unsupported, List.of()), Predicate.Const.FALSE,
                    null, output(doc, List.of()));
        }
        String query = doc.text("query");
        if (query == null || query.isBlank()) {
            report(problems, doc, LoadProblem.Level.ERROR, doc.ruleLine(), "ELASTIC_NO_QUERY", "rule has no query");
            return null;
        }
        FieldResolver fields = new FieldResolver(geo);
        Predicate condition;
        Stateful stateful = null;
        try {
            if ("eql".equals(type)) {
                EqlQuery q = EqlParser.parse(query);
                EqlCompiler c = new EqlCompiler(fields, doc.text("event_category_override"));
                if (q.sequence()) {
                    List<Predicate> steps = new ArrayList<>();
                    for (EqlQuery.Step s : q.steps()) {
                        if (!s.by().isEmpty()) {
                            throw RuleSyntaxException.inQuery(
                                    "per-step 'by' keys are not supported; use 'sequence by'", 0);
                        }
                        steps.add(c.compile(s));
                    }
                    condition = Predicates.or(steps);
                    stateful = new Stateful.Sequence(accessors(fields, q.by()), q.maxspan(), steps, true);
                } else {
                    condition = c.compile(q.steps().get(0));
                }
            } else {
                condition = new KqlCompiler(fields).compile(KqlParser.parse(query));
            }
            if ("new_terms".equals(type)) {
                stateful = newTerms(doc, fields);
            } else if ("threshold".equals(type)) {
                stateful = threshold(doc, fields);
            }
        } catch (RuleSyntaxException e) {
            boolean eql = "eql".equals(type);
            report(problems, doc, LoadProblem.Level.ERROR, doc.lineOfQueryOffset(e.offset()),
                    eql ? "ELASTIC_EQL_SYNTAX" : "ELASTIC_KQL_SYNTAX", (eql ? "EQL: " : "KQL: ") + e.getMessage());
            return null;
        } catch (IllegalArgumentException e) {
            report(problems, doc, LoadProblem.Level.ERROR, doc.ruleLine(), "ELASTIC_BAD_RULE", e.getMessage());
            return null;
        }
        List<String> needs = needs(doc, fields, problems);
        List<String> shown = investigationFields(doc);
        return new CompiledRule(RuleInfoReader.read(doc, true, null, needs), condition, stateful,
                output(doc, shown.isEmpty() ? fields.usedFields() : shown));
    }

    /** What the rule needs that the run lacks, and fields the pipeline never sets, reported and listed for {@code rules list}. */
    static List<String> needs(ElasticRuleDocument doc, FieldResolver fields, Problems problems) {
        List<String> needs = new ArrayList<>(fields.needs());
        for (String need : fields.needs()) {
            report(problems, doc, LoadProblem.Level.NOTICE, doc.queryLine(), "ELASTIC_NEEDS_DATA",
                    "loaded, but " + need);
        }
        for (String f : fields.unknownFields()) {
            String need = f + ": not a field the CloudTrail pipeline sets, always absent";
            needs.add(need);
            report(problems, doc, LoadProblem.Level.WARNING, doc.queryLine(), "ELASTIC_UNKNOWN_FIELD", need);
        }
        return needs;
    }

    private ElasticOutputTemplate output(ElasticRuleDocument doc, List<String> fieldNames) {
        return new ElasticOutputTemplate(doc.name(), fieldNames, geo);
    }

    static List<String> investigationFields(ElasticRuleDocument doc) {
        JsonNode inv = doc.rule().path("investigation_fields").path("field_names");
        List<String> out = new ArrayList<>();
        for (JsonNode n : inv) {
            out.add(n.asText());
        }
        return out;
    }

    /** new_terms: the fields' value tuple, new within {@code history_window_start} (e.g. {@code now-10d}). */
    private static Stateful newTerms(ElasticRuleDocument doc, FieldResolver fields) {
        List<String> names = NewTermsReader.fields(doc);
        if (names.isEmpty()) {
            throw new IllegalArgumentException("new_terms rule without new_terms fields");
        }
        String start = NewTermsReader.historyWindowStart(doc);
        Duration history = DateMath.lookBack(start);
        if (history == null) {
            throw new IllegalArgumentException("new_terms history_window_start '" + start + "' is not now-<n><unit>");
        }
        return new Stateful.NewTerms(accessors(fields, names), history);
    }

    /**
     * threshold: count per group of the threshold fields, alert at {@code count >= value} (and
     * distinct values of the cardinality field {@code >= its value}). The window is the rule's
     * look-back {@code from} (default now-6m): each Kibana execution counts the documents of
     * {@code [now+from, now]}, so in event time a group alerts when that many candidates fall
     * within one look-back span. ({@code interval} only sets how often Kibana looks; the overlap it
     * leaves does not change which bursts are found.)
     */
    private static Stateful threshold(ElasticRuleDocument doc, FieldResolver fields) {
        JsonNode th = doc.rule().get("threshold");
        if (th == null || !th.isObject() || !th.path("value").canConvertToLong()) {
            throw new IllegalArgumentException("threshold rule without [rule.threshold] value");
        }
        List<String> groupBy = new ArrayList<>();
        JsonNode f = th.get("field");
        if (f != null && f.isArray()) {
            f.forEach(n -> groupBy.add(n.asText()));
        } else if (f != null && f.isValueNode() && !f.asText().isEmpty()) {
            groupBy.add(f.asText());
        }
        String from = doc.text("from") != null ? doc.text("from") : RuleInfoReader.DEFAULT_FROM;
        Duration window = DateMath.lookBack(from);
        if (window == null) {
            throw new IllegalArgumentException("threshold rule 'from' '" + from + "' is not now-<n><unit>");
        }
        Accessor cardinalityField = null;
        Stateful.Count cardinality = null;
        JsonNode card = th.get("cardinality");
        if (card != null && card.isArray() && !card.isEmpty()) {
            card = card.get(0);
        }
        if (card != null && card.isObject()) {
            cardinalityField = fields.field(card.path("field").asText());
            cardinality = new Stateful.Count(Matchers.NumericOp.GE, card.path("value").asLong());
        }
        return new Stateful.Threshold(accessors(fields, groupBy), window,
                new Stateful.Count(Matchers.NumericOp.GE, th.path("value").asLong()), cardinalityField, cardinality);
    }

    private static List<Accessor> accessors(FieldResolver fields, List<String> names) {
        List<Accessor> out = new ArrayList<>();
        for (String n : names) {
            out.add(fields.field(n));
        }
        return out;
    }

    /** A problem of the rule at a line of its file (no column). */
    static void report(Problems problems, ElasticRuleDocument doc, LoadProblem.Level level, int line,
                               String code, String message) {
        problems.add(level, new Position(doc.file(), line, 0), doc.name(), code, message);
    }
}
