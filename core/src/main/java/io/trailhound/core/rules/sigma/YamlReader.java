package io.trailhound.core.rules.sigma;

import io.trailhound.core.rules.load.RuleSyntaxException;
import io.trailhound.core.rules.load.RuleYaml;
import io.trailhound.core.rules.load.YamlLimitException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Reads a Sigma file's YAML documents into {@link YamlNode}s with line numbers, through the
 * hardened {@link RuleYaml} reader: nodes only (no tags can instantiate anything), nesting and
 * alias expansion bounded, and duplicate keys refused (YAML forbids them, and one would silently
 * drop a search).
 */
final class YamlReader {
    /** The documents of {@code text}, empty ones left out. */
    List<YamlNode.MapNode> documents(String name, String text) {
        List<YamlNode.MapNode> out = new ArrayList<>();
        try {
            for (Node doc : RuleYaml.documents(name, text)) {
                YamlNode n = convert(doc);
                if (n instanceof YamlNode.MapNode m) {
                    out.add(m);
                } else if (!(n instanceof YamlNode.Scalar s && s.isNull())) {
                    throw RuleSyntaxException.atLine(n.line(), "SIGMA_NOT_A_MAPPING",
                            "a Sigma document must be a mapping of keys (title, detection, ...)");
                }
            }
        } catch (YamlLimitException e) {
            String code = e.kind() == YamlLimitException.Kind.DUPLICATE_KEY ? "SIGMA_DUPLICATE_KEY" : "SIGMA_TOO_LARGE";
            throw RuleSyntaxException.atLine(e.getProblemMark().map(m -> m.getLine() + 1).orElse(0), code,
                    oneLine(e.getProblem()), e);
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().or(e::getContextMark).map(m -> m.getLine() + 1).orElse(0);
            throw RuleSyntaxException.atLine(line, "SIGMA_YAML_SYNTAX", "invalid YAML: " + oneLine(e.getProblem()), e);
        } catch (YamlEngineException e) {
            throw RuleSyntaxException.atLine(0, "SIGMA_YAML_SYNTAX", "invalid YAML: " + oneLine(e.getMessage()), e);
        }
        return out;
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replace('\n', ' ').trim();
    }

    /** Recursion is bounded by {@link RuleYaml#MAX_DEPTH}, the size by its expanded-node limit. */
    private static YamlNode convert(Node node) {
        if (node instanceof ScalarNode s) {
            return new YamlNode.Scalar(s.getValue(), kind(s), line(node));
        }
        if (node instanceof SequenceNode seq) {
            List<YamlNode> items = new ArrayList<>();
            for (Node n : seq.getValue()) {
                items.add(convert(n));
            }
            return new YamlNode.ListNode(items, line(node));
        }
        MappingNode map = (MappingNode) node;
        Map<String, YamlNode> entries = new LinkedHashMap<>();
        Map<String, Integer> keyLines = new LinkedHashMap<>();
        for (NodeTuple t : map.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode k)) {
                throw RuleSyntaxException.atLine(line(t.getKeyNode()), "SIGMA_BAD_KEY",
                        "a mapping key must be a plain value");
            }
            String key = k.getValue();
            entries.put(key, convert(t.getValueNode()));
            keyLines.put(key, line(k));
        }
        return new YamlNode.MapNode(entries, keyLines, line(node));
    }

    private static YamlNode.Scalar.Kind kind(ScalarNode s) {
        if (s.getScalarStyle() != ScalarStyle.PLAIN) {
            return YamlNode.Scalar.Kind.STRING;
        }
        Tag tag = s.getTag();
        if (Tag.NULL.equals(tag)) {
            return YamlNode.Scalar.Kind.NULL;
        }
        if (Tag.BOOL.equals(tag)) {
            return YamlNode.Scalar.Kind.BOOLEAN;
        }
        if (Tag.INT.equals(tag) || Tag.FLOAT.equals(tag)) {
            return YamlNode.Scalar.Kind.NUMBER;
        }
        return YamlNode.Scalar.Kind.STRING;
    }

    private static int line(Node n) {
        return n.getStartMark().map(Mark::getLine).map(l -> l + 1).orElse(0);
    }
}
