package io.trailhound.core.rules.load;

import java.util.ArrayList;
import java.util.List;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * The one way rule front ends read YAML (Falco and Sigma files). SnakeYAML Engine composes nodes
 * only: no objects are constructed, so no tag can instantiate anything. On top of what its
 * settings bound (input size, aliases of collections, recursive keys), {@link LimitedParser}
 * bounds what SnakeYAML does not: nesting depth (its composer recurses once per level), the size
 * of the document once aliases are expanded (10,000 aliases of one 100 KB scalar), and duplicate
 * keys. Breaking a limit throws {@link YamlLimitException} at the offending node; a syntax error
 * throws SnakeYAML's own {@code MarkedYamlEngineException}.
 */
public final class RuleYaml {
    /** Largest rule file read, in code points: a big rule pack is a few hundred KB. */
    public static final int MAX_CODE_POINTS = 8 * 1024 * 1024;
    /** Deepest nesting of collections. */
    public static final int MAX_DEPTH = RuleLimits.MAX_DOCUMENT_DEPTH;
    /** Most nodes a file may hold with aliases expanded (each alias counts its whole target). */
    public static final long MAX_EXPANDED_NODES = 1_000_000;
    /** Most scalar characters a file may hold with aliases expanded: twice the largest file. */
    public static final long MAX_EXPANDED_CHARS = 2L * MAX_CODE_POINTS;
    /** Aliases to collections SnakeYAML accepts per file: rule files seldom use one. */
    private static final int MAX_COLLECTION_ALIASES = 50;

    private RuleYaml() {
    }

    /** The documents of {@code text}, in order ({@code label} names the file in SnakeYAML's messages). */
    public static List<Node> documents(String label, String text) {
        LoadSettings settings = LoadSettings.builder()
                .setLabel(label)
                .setSchema(new CoreSchema())
                .setAllowRecursiveKeys(false)
                .setMaxAliasesForCollections(MAX_COLLECTION_ALIASES)
                .setCodePointLimit(MAX_CODE_POINTS)
                .build();
        LimitedParser parser = new LimitedParser(new ParserImpl(settings, new StreamReader(settings, text)));
        Composer composer = new Composer(settings, parser);
        List<Node> out = new ArrayList<>();
        while (composer.hasNext()) {
            out.add(composer.next());
        }
        return out;
    }
}
