package io.trailhound.core.rules.sigma;

import io.trailhound.core.rules.ir.Accessor;
import io.trailhound.core.rules.ir.CompiledRule;
import io.trailhound.core.rules.ir.Matchers;
import io.trailhound.core.rules.ir.Predicate;
import io.trailhound.core.rules.ir.Predicates;
import io.trailhound.core.rules.ir.RuleInfo;
import io.trailhound.core.rules.ir.Stateful;
import io.trailhound.core.rules.load.RuleSyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Compiles a Sigma correlation rule to the shared stateful operators: {@code event_count} and
 * {@code value_count} to {@link Stateful.Threshold}, {@code temporal} / {@code temporal_ordered}
 * to {@link Stateful.Sequence}. Its candidate events are those of any referenced rule (found by
 * {@code name} or {@code id} among every rule of the same load); the sequence's steps are the
 * referenced rules' predicates in the order the correlation lists them.
 */
final class CorrelationCompiler {
    /** What a correlation compiled to, and the rules it used (to silence them when {@code generate} is false). */
    record Result(CompiledRule rule, List<CompiledRule> referenced, boolean generate) {
    }

    Result compile(SigmaDocument doc, RuleInfo info, Map<String, CompiledRule> rulesByRef) {
        YamlNode.MapNode body = doc.body();
        if (!(body.get("correlation") instanceof YamlNode.MapNode c)) {
            throw RuleSyntaxException.atLine(body.lineOf("correlation"), "SIGMA_BAD_CORRELATION",
                    "'correlation' must be a map (type, rules, group-by, timespan, condition)");
        }
        if (c.get("aliases") != null) {
            throw RuleSyntaxException.atLine(c.lineOf("aliases"), "SIGMA_UNSUPPORTED",
                    "correlation 'aliases' (group-by fields named differently per rule) are not supported yet");
        }
        String type = RuleInfoReader.text(c, "type");
        if (type == null) {
            throw RuleSyntaxException.atLine(c.line(), "SIGMA_BAD_CORRELATION", "correlation has no 'type'");
        }
        List<CompiledRule> referenced = referenced(c, rulesByRef);
        List<Accessor> groupBy = RuleInfoReader.texts(c.get("group-by")).stream().map(SigmaFieldAccessors::of).toList();
        Duration window = timespan(c);
        List<Predicate> steps = referenced.stream().map(CompiledRule::condition).toList();
        Stateful stateful = switch (type) {
            case "event_count" -> new Stateful.Threshold(groupBy, window, count(c, false), null, null);
            case "value_count" -> new Stateful.Threshold(groupBy, window, null,
                    SigmaFieldAccessors.of(countedField(c)), count(c, true));
            case "temporal", "temporal_ordered" -> {
                checkTemporalCondition(c, referenced.size());
                yield new Stateful.Sequence(groupBy, window, steps, type.equals("temporal_ordered"));
            }
            default -> throw RuleSyntaxException.atLine(c.lineOf("type"), "SIGMA_BAD_CORRELATION",
                    "unknown correlation type '" + type + "' (event_count, value_count, temporal, temporal_ordered)");
        };
        YamlNode gen = c.get("generate");
        if (gen == null) {
            gen = body.get("generate");
        }
        boolean generate = gen instanceof YamlNode.Scalar s && s.text().equalsIgnoreCase("true");
        CompiledRule rule = new CompiledRule(info, Predicates.or(steps), stateful,
                new SigmaOutput(info.name(), RuleInfoReader.texts(body.get("fields"))));
        return new Result(rule, referenced, generate);
    }

    /** The names or ids a correlation document refers to, as written (empty when it has none). */
    static List<String> references(SigmaDocument doc) {
        return doc.body().get("correlation") instanceof YamlNode.MapNode c ? RuleInfoReader.texts(c.get("rules"))
                : List.of();
    }

    private static List<CompiledRule> referenced(YamlNode.MapNode c, Map<String, CompiledRule> rulesByRef) {
        List<String> refs = RuleInfoReader.texts(c.get("rules"));
        if (refs.isEmpty()) {
            throw RuleSyntaxException.atLine(c.line(), "SIGMA_BAD_CORRELATION", "correlation lists no 'rules'");
        }
        List<CompiledRule> out = new ArrayList<>();
        for (String ref : refs) {
            CompiledRule r = rulesByRef.get(ref);
            if (r == null) {
                throw RuleSyntaxException.atLine(c.lineOf("rules"), "SIGMA_UNKNOWN_RULE_REFERENCE",
                        "correlation refers to '" + ref + "', which is no rule's name or id in the files loaded together");
            }
            out.add(r);
        }
        return out;
    }

    private static Duration timespan(YamlNode.MapNode c) {
        String t = RuleInfoReader.text(c, "timespan");
        if (t == null) {
            throw RuleSyntaxException.atLine(c.line(), "SIGMA_BAD_CORRELATION", "correlation has no 'timespan'");
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)\\s*([smhdwMy])").matcher(t.trim());
        if (!m.matches()) {
            throw RuleSyntaxException.atLine(c.lineOf("timespan"), "SIGMA_BAD_CORRELATION", "timespan '" + t
                    + "' is not a number and a unit (s, m, h, d, w, M, y)");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            case "w" -> Duration.ofDays(7 * n);
            case "M" -> Duration.ofDays(30 * n);
            default -> Duration.ofDays(365 * n);
        };
    }

    private static String countedField(YamlNode.MapNode c) {
        String f = c.get("condition") instanceof YamlNode.MapNode cond ? RuleInfoReader.text(cond, "field") : null;
        if (f == null) {
            throw RuleSyntaxException.atLine(c.lineOf("condition"), "SIGMA_BAD_CORRELATION",
                    "value_count needs 'condition: {field: ..., gte: N}'");
        }
        return f;
    }

    /** The one comparison of a correlation's condition ({@code gte: 10}). */
    private static Stateful.Count count(YamlNode.MapNode c, boolean allowField) {
        if (!(c.get("condition") instanceof YamlNode.MapNode cond)) {
            throw RuleSyntaxException.atLine(c.lineOf("condition"), "SIGMA_BAD_CORRELATION",
                    "correlation needs 'condition' with one of gt, gte, lt, lte, eq, neq");
        }
        Stateful.Count found = null;
        for (Map.Entry<String, YamlNode> e : cond.entries().entrySet()) {
            if (allowField && e.getKey().equals("field")) {
                continue;
            }
            Matchers.NumericOp op = switch (e.getKey().toLowerCase(Locale.ROOT)) {
                case "gt" -> Matchers.NumericOp.GT;
                case "gte" -> Matchers.NumericOp.GE;
                // Counts that must stay low (or equal) are only known when a window closes; the engine
                // alerts as a count grows, so it would alert early and wrongly: refuse them clearly.
                case "lt", "lte", "eq", "neq" -> throw RuleSyntaxException.atLine(cond.lineOf(e.getKey()),
                        "SIGMA_UNSUPPORTED", "correlation condition '" + e.getKey() + "' is not supported yet: "
                        + "only gt and gte, which alert as the count grows past them");
                default -> throw RuleSyntaxException.atLine(cond.lineOf(e.getKey()), "SIGMA_BAD_CORRELATION",
                        "unknown condition operator '" + e.getKey() + "'");
            };
            if (found != null) {
                throw RuleSyntaxException.atLine(cond.lineOf(e.getKey()), "SIGMA_UNSUPPORTED",
                        "a correlation condition with two comparisons (a range) is not supported");
            }
            if (!(e.getValue() instanceof YamlNode.Scalar s) || s.kind() != YamlNode.Scalar.Kind.NUMBER) {
                throw RuleSyntaxException.atLine(cond.lineOf(e.getKey()), "SIGMA_BAD_CORRELATION", "'" + e.getKey()
                        + "' needs a whole number");
            }
            try {
                found = new Stateful.Count(op, Long.parseLong(s.text().trim()));
            } catch (NumberFormatException x) {
                throw RuleSyntaxException.atLine(cond.lineOf(e.getKey()), "SIGMA_BAD_CORRELATION", "'" + e.getKey()
                        + "' needs a whole number");
            }
        }
        if (found == null) {
            throw RuleSyntaxException.atLine(cond.line(), "SIGMA_BAD_CORRELATION",
                    "correlation condition has no comparison");
        }
        return found;
    }

    /** The IR's sequence needs every step; a temporal condition asking for fewer rules cannot be expressed. */
    private static void checkTemporalCondition(YamlNode.MapNode c, int rules) {
        if (c.get("condition") == null) {
            return;
        }
        Stateful.Count n = count(c, false);
        if (!(n.op() == Matchers.NumericOp.GE && n.value() == rules)) {
            throw RuleSyntaxException.atLine(c.lineOf("condition"), "SIGMA_UNSUPPORTED", "temporal condition '" + n
                    + "': only all referenced rules (gte: " + rules + ") is supported");
        }
    }
}
