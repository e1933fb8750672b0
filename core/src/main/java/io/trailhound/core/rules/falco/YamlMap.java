package io.trailhound.core.rules.falco;

import io.trailhound.core.rules.load.Position;
import io.trailhound.core.rules.load.RuleSyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * One item of a rules file (a YAML mapping) with the position of every key and value, read
 * through typed getters that report a wrong shape as a {@link RuleSyntaxException} at the value.
 */
final class YamlMap {
    private final SourceText source;
    private final Map<String, Node> values = new LinkedHashMap<>();
    private final Map<String, Position> keyPositions = new LinkedHashMap<>();
    private final Position position;

    YamlMap(SourceText source, MappingNode node) throws RuleSyntaxException {
        this.source = source;
        this.position = positionOf(source, node);
        for (NodeTuple t : node.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode k)) {
                throw new RuleSyntaxException("item keys must be plain strings", positionOf(source, t.getKeyNode()));
            }
            values.put(k.getValue(), t.getValueNode());
            keyPositions.put(k.getValue(), positionOf(source, k));
        }
    }

    static Position positionOf(SourceText source, Node n) {
        return n.getStartMark().map(m -> new Position(source.file(), m.getLine() + 1, m.getColumn() + 1))
                .orElse(new Position(source.file(), 0, 0));
    }

    public Position position() {
        return position;
    }

    public Set<String> keys() {
        return values.keySet();
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }

    public Position keyPosition(String key) {
        return keyPositions.getOrDefault(key, position);
    }

    /** Where the value of {@code key} starts (the item when the key is missing). */
    public Position valuePosition(String key) {
        Node n = values.get(key);
        return n == null ? position : positionOf(source, n);
    }

    /** A scalar value, or null when the key is missing or null. */
    public String string(String key) throws RuleSyntaxException {
        Node n = values.get(key);
        if (n == null || isNull(n)) {
            return null;
        }
        if (!(n instanceof ScalarNode s)) {
            throw new RuleSyntaxException("'" + key + "' must be a single value", positionOf(source, n));
        }
        return s.getValue();
    }

    /** A scalar with its place in the file, for conditions whose errors need a line and column. */
    public ScalarText text(String key) throws RuleSyntaxException {
        Node n = values.get(key);
        if (n == null || isNull(n)) {
            return null;
        }
        if (!(n instanceof ScalarNode s)) {
            throw new RuleSyntaxException("'" + key + "' must be a string", positionOf(source, n));
        }
        int index = n.getStartMark().map(m -> source.charIndex(m.getIndex())).orElse(0);
        return new ScalarText(s.getValue(), source, index, s.getScalarStyle());
    }

    public Boolean bool(String key) throws RuleSyntaxException {
        String s = string(key);
        if (s == null) {
            return null;
        }
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new RuleSyntaxException("'" + key + "' must be true or false, not '" + s + "'",
                    valuePosition(key));
        };
    }

    /** A sequence of scalars, or null when the key is missing or null. */
    public List<String> strings(String key) throws RuleSyntaxException {
        SequenceNode seq = sequence(key);
        if (seq == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (Node el : seq.getValue()) {
            if (!(el instanceof ScalarNode s)) {
                throw new RuleSyntaxException("'" + key + "' must be a list of values", positionOf(source, el));
            }
            out.add(s.getValue());
        }
        return out;
    }

    /** A sequence of mappings (exceptions, required_plugin_versions), or null when missing. */
    public List<YamlMap> maps(String key) throws RuleSyntaxException {
        SequenceNode seq = sequence(key);
        if (seq == null) {
            return null;
        }
        List<YamlMap> out = new ArrayList<>();
        for (Node el : seq.getValue()) {
            if (!(el instanceof MappingNode m)) {
                throw new RuleSyntaxException("'" + key + "' must be a list of mappings", positionOf(source, el));
            }
            out.add(new YamlMap(source, m));
        }
        return out;
    }

    private SequenceNode sequence(String key) throws RuleSyntaxException {
        Node n = values.get(key);
        if (n == null || isNull(n)) {
            return null;
        }
        if (!(n instanceof SequenceNode seq)) {
            throw new RuleSyntaxException("'" + key + "' must be a list", positionOf(source, n));
        }
        return seq;
    }

    /** A mapping of scalars ({@code override: {condition: append}}). */
    public Map<String, String> stringMap(String key) throws RuleSyntaxException {
        Node n = values.get(key);
        if (n == null || isNull(n)) {
            return null;
        }
        if (!(n instanceof MappingNode m)) {
            throw new RuleSyntaxException("'" + key + "' must be a mapping", positionOf(source, n));
        }
        YamlMap inner = new YamlMap(source, m);
        Map<String, String> out = new LinkedHashMap<>();
        for (String k : inner.keys()) {
            out.put(k, inner.string(k));
        }
        return out;
    }

    /** The raw node, for shapes that vary (exception fields and values). */
    public Node node(String key) {
        return values.get(key);
    }

    public SourceText source() {
        return source;
    }

    static boolean isNull(Node n) {
        return n instanceof ScalarNode s && s.getTag().getValue().endsWith(":null");
    }
}
