package io.trailhound.core.rules.sigma;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
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
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Reads a Sigma file's YAML documents into {@link YamlNode}s with line numbers. Uses SnakeYAML
 * Engine's composer only (no object construction, so no tags can instantiate anything), limits
 * aliases, and refuses duplicate keys, which YAML forbids and which would silently drop a search.
 */
final class YamlReader {
    /** Far more nodes than any rule has; stops alias fan-out ("billion laughs") from exhausting memory. */
    private static final int MAX_NODES = 200_000;

    private int nodes;

    /** The documents of {@code text}, empty ones left out. */
    List<YamlNode.MapNode> documents(String name, String text) {
        LoadSettings settings = LoadSettings.builder()
                .setLabel(name)
                .setSchema(new CoreSchema())
                .setAllowRecursiveKeys(false)
                .setMaxAliasesForCollections(50)
                .setCodePointLimit(8 * 1024 * 1024)
                .build();
        List<YamlNode.MapNode> out = new ArrayList<>();
        try {
            for (Node doc : new Compose(settings).composeAllFromString(text)) {
                nodes = 0;
                YamlNode n = convert(doc);
                if (n instanceof YamlNode.MapNode m) {
                    out.add(m);
                } else if (!(n instanceof YamlNode.Scalar s && s.isNull())) {
                    throw new SigmaLoadException(n.line(), "SIGMA_NOT_A_MAPPING",
                            "a Sigma document must be a mapping of keys (title, detection, ...)");
                }
            }
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().or(e::getContextMark).map(m -> m.getLine() + 1).orElse(0);
            throw new SigmaLoadException(line, "SIGMA_YAML_SYNTAX", "invalid YAML: " + oneLine(e.getProblem()), e);
        } catch (YamlEngineException e) {
            throw new SigmaLoadException(0, "SIGMA_YAML_SYNTAX", "invalid YAML: " + oneLine(e.getMessage()), e);
        }
        return out;
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replace('\n', ' ').trim();
    }

    private YamlNode convert(Node node) {
        if (++nodes > MAX_NODES) {
            throw new SigmaLoadException(line(node), "SIGMA_TOO_LARGE", "document has more than " + MAX_NODES
                    + " YAML nodes (aliases expanded)");
        }
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
                throw new SigmaLoadException(line(t.getKeyNode()), "SIGMA_BAD_KEY", "a mapping key must be a plain value");
            }
            String key = k.getValue();
            if (entries.containsKey(key)) {
                throw new SigmaLoadException(line(k), "SIGMA_DUPLICATE_KEY", "duplicate key '" + key + "'");
            }
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
