package io.trailhound.core.rules.sigma;

import io.trailhound.core.rules.load.Position;
import io.trailhound.core.rules.load.Problems;
import io.trailhound.core.rules.load.RuleSyntaxException;
import io.trailhound.core.rules.load.RuleYaml;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies Sigma's rule-collection actions to a file's documents: {@code action: global} content is
 * merged into every later document (until {@code action: reset}), and {@code action: repeat}
 * reuses the previous document with this one's keys laid over it. What comes out is one
 * self-contained document per rule or correlation. Global and repeated content counts once per
 * rule it lands in, so the documents a file expands to are bounded like its YAML
 * ({@link RuleYaml#MAX_EXPANDED_NODES}): a large global block before thousands of one-line rules
 * would otherwise compile thousands of copies.
 */
final class RuleCollector {
    private final Problems problems;

    RuleCollector(Problems problems) {
        this.problems = problems;
    }

    List<SigmaDocument> collect(String file, List<YamlNode.MapNode> documents) {
        List<SigmaDocument> out = new ArrayList<>();
        long expanded = 0;
        YamlNode.MapNode global = null;
        YamlNode.MapNode previous = null;
        for (YamlNode.MapNode doc : documents) {
            YamlNode action = doc.get("action");
            String word = action instanceof YamlNode.Scalar s && !s.isNull() ? s.text() : null;
            YamlNode.MapNode body = without(doc, "action");
            if (word == null) {
                previous = global == null ? body : merge(global, body);
                expanded += global == null ? 0 : nodes(previous);
                out.add(new SigmaDocument(file, doc.line(), previous));
            } else if (word.equals("global")) {
                global = global == null ? body : merge(global, body);
            } else if (word.equals("reset")) {
                global = null;
            } else if (word.equals("repeat")) {
                if (previous == null) {
                    problems.error(Position.of(file, doc.lineOf("action")), null,
                            RuleSyntaxException.atLine(doc.lineOf("action"), "SIGMA_REPEAT_WITHOUT_RULE",
                                    "'action: repeat' with no rule before it to repeat"));
                    continue;
                }
                previous = merge(previous, body);
                expanded += nodes(previous);
                out.add(new SigmaDocument(file, doc.line(), previous));
            } else {
                problems.error(Position.of(file, doc.lineOf("action")), null,
                        RuleSyntaxException.atLine(doc.lineOf("action"), "SIGMA_UNKNOWN_ACTION",
                                "unknown collection action '" + word + "' (Sigma knows global, repeat and reset)"));
            }
            if (expanded > RuleYaml.MAX_EXPANDED_NODES) {
                throw RuleSyntaxException.atLine(doc.line(), "SIGMA_TOO_LARGE", "the rule collection expands to more "
                        + "than " + RuleYaml.MAX_EXPANDED_NODES
                        + " YAML nodes (global and repeated content counts in every rule)");
            }
        }
        return out;
    }

    /** The nodes of a document (recursion as deep as the YAML, which the reader bounds). */
    private static long nodes(YamlNode n) {
        long count = 1;
        if (n instanceof YamlNode.MapNode m) {
            for (YamlNode v : m.entries().values()) {
                count += nodes(v);
            }
        } else if (n instanceof YamlNode.ListNode l) {
            for (YamlNode v : l.items()) {
                count += nodes(v);
            }
        }
        return count;
    }

    private static YamlNode.MapNode without(YamlNode.MapNode m, String key) {
        if (!m.entries().containsKey(key)) {
            return m;
        }
        Map<String, YamlNode> e = new LinkedHashMap<>(m.entries());
        e.remove(key);
        Map<String, Integer> l = new LinkedHashMap<>(m.keyLines());
        l.remove(key);
        return new YamlNode.MapNode(e, l, m.line());
    }

    /** {@code over} laid on {@code base}: mappings merge key by key, anything else is replaced (as pySigma does). */
    static YamlNode.MapNode merge(YamlNode.MapNode base, YamlNode.MapNode over) {
        Map<String, YamlNode> e = new LinkedHashMap<>(base.entries());
        Map<String, Integer> l = new LinkedHashMap<>(base.keyLines());
        for (Map.Entry<String, YamlNode> x : over.entries().entrySet()) {
            YamlNode old = e.get(x.getKey());
            e.put(x.getKey(), old instanceof YamlNode.MapNode om && x.getValue() instanceof YamlNode.MapNode nm
                    ? merge(om, nm) : x.getValue());
            l.put(x.getKey(), over.lineOf(x.getKey()));
        }
        return new YamlNode.MapNode(e, l, over.line());
    }
}
