package io.trailhound.core.rules.sigma;

import io.trailhound.core.rules.ir.Predicate;
import io.trailhound.core.rules.ir.Predicates;
import io.trailhound.core.rules.load.RuleSyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Compiles a rule's {@code detection} block: its search identifiers, then its condition over them. */
final class DetectionCompiler {
    private final SearchCompiler searches;

    DetectionCompiler(SearchCompiler searches) {
        this.searches = searches;
    }

    Predicate compile(YamlNode detectionNode, int ruleLine) {
        if (!(detectionNode instanceof YamlNode.MapNode detection)) {
            throw RuleSyntaxException.atLine(detectionNode == null ? ruleLine : detectionNode.line(),
                    "SIGMA_NO_DETECTION", "a rule needs a 'detection' map");
        }
        if (detection.get("timeframe") != null) {
            throw RuleSyntaxException.atLine(detection.lineOf("timeframe"), "SIGMA_UNSUPPORTED",
                    "'timeframe' belongs to the obsolete v1 aggregation syntax; write a correlation rule instead");
        }
        YamlNode condition = detection.get("condition");
        if (condition == null) {
            throw RuleSyntaxException.atLine(detection.line(), "SIGMA_NO_CONDITION", "'detection' has no 'condition'");
        }
        Map<String, Predicate> compiled = new LinkedHashMap<>();
        for (Map.Entry<String, YamlNode> e : detection.entries().entrySet()) {
            if (!e.getKey().equals("condition")) {
                compiled.put(e.getKey(), searches.compile(e.getKey(), e.getValue()));
            }
        }
        ConditionParser parser = new ConditionParser(compiled, detection.lineOf("condition"));
        // A list of conditions (deprecated by the spec) means any of them.
        List<Predicate> any = new ArrayList<>();
        for (String text : conditionTexts(condition)) {
            any.add(parser.parse(text));
        }
        return Predicates.or(any);
    }

    private static List<String> conditionTexts(YamlNode condition) {
        List<String> out = new ArrayList<>();
        if (condition instanceof YamlNode.Scalar s && !s.isNull()) {
            out.add(s.text());
        } else if (condition instanceof YamlNode.ListNode l) {
            for (YamlNode n : l.items()) {
                if (!(n instanceof YamlNode.Scalar s) || s.isNull()) {
                    throw RuleSyntaxException.atLine(n.line(), "SIGMA_BAD_CONDITION", "a condition must be text");
                }
                out.add(s.text());
            }
        }
        if (out.isEmpty()) {
            throw RuleSyntaxException.atLine(condition.line(), "SIGMA_BAD_CONDITION", "a condition must be text");
        }
        return out;
    }
}
