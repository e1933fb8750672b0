package io.trailhound.core.rules.falco;

import io.trailhound.core.rules.load.Position;
import io.trailhound.core.rules.load.Problems;
import io.trailhound.core.rules.load.RuleSyntaxException;
import io.trailhound.core.rules.load.RuleYaml;
import io.trailhound.core.rules.load.YamlLimitException;
import java.util.ArrayList;
import java.util.List;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads a Falco rules file into items with positions (rule_loader_reader.cpp), through the
 * hardened {@link RuleYaml} reader (nodes only, nesting, size and aliases bounded). Every
 * document must be a sequence of mappings; an item's kind is the first of
 * {@code required_engine_version}, {@code required_plugin_versions}, {@code list}, {@code macro},
 * {@code rule} it has; anything else is an unknown item (warning). A YAML syntax error, a duplicate
 * key or a broken limit fails the file.
 */
final class RuleFileReader {
    private RuleFileReader() {
    }

    /** The file's items, or an empty list after reporting why the file could not be read. */
    public static List<RawItem> read(SourceText source, Problems problems) {
        List<RawItem> items = new ArrayList<>();
        try {
            for (Node doc : RuleYaml.documents(source.file(), source.text())) {
                if (YamlMap.isNull(doc)) {
                    continue;
                }
                if (!(doc instanceof SequenceNode seq)) {
                    problems.error(YamlMap.positionOf(source, doc), null, "LOAD_ERR_YAML_VALIDATE",
                            "rules content is not a YAML list of items");
                    return List.of();
                }
                for (Node n : seq.getValue()) {
                    RawItem item = item(source, n, problems);
                    if (item != null) {
                        items.add(item);
                    }
                }
            }
        } catch (MarkedYamlEngineException e) {
            Position at = e.getProblemMark().map(m -> position(source, m))
                    .orElse(new Position(source.file(), 0, 0));
            String what = e instanceof YamlLimitException ? "YAML refused: " : "invalid YAML: ";
            problems.error(at, null, "LOAD_ERR_YAML_PARSE", what + e.getProblem()
                    + (e.getContext() != null ? " (" + e.getContext() + ")" : ""));
            return List.of();
        } catch (YamlEngineException e) {
            problems.error(new Position(source.file(), 0, 0), null, "LOAD_ERR_YAML_PARSE",
                    "invalid YAML: " + e.getMessage());
            return List.of();
        }
        return items;
    }

    private static Position position(SourceText source, Mark m) {
        return new Position(source.file(), m.getLine() + 1, m.getColumn() + 1);
    }

    private static RawItem item(SourceText source, Node n, Problems problems) {
        if (YamlMap.isNull(n)) {
            return null;
        }
        if (!(n instanceof MappingNode m)) {
            problems.error(YamlMap.positionOf(source, n), null, "LOAD_ERR_YAML_VALIDATE",
                    "unexpected element type: each item should be a mapping");
            return null;
        }
        YamlMap body;
        try {
            body = new YamlMap(source, m);
        } catch (RuleSyntaxException e) {
            problems.error(e.position(), null, "LOAD_ERR_YAML_VALIDATE", e.getMessage());
            return null;
        }
        for (RawItem.Kind kind : RawItem.Kind.values()) {
            if (body.has(kind.key())) {
                Node nameNode = body.node(kind.key());
                String name = nameNode instanceof ScalarNode s ? s.getValue() : null;
                return new RawItem(kind, name, body);
            }
        }
        problems.warning(body.position(), null, "LOAD_UNKNOWN_ITEM", "unknown top level item");
        return null;
    }
}
