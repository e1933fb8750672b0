package io.trailhound.core.rules.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailhound.core.rules.Hostile;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/** The YAML reader Falco and Sigma share: small hostile files fail at a position, fast, without a stack overflow. */
class RuleYamlTest {
    private static YamlLimitException refused(String yaml) {
        return Hostile.run(() -> {
            try {
                RuleYaml.documents("test.yaml", yaml);
            } catch (YamlLimitException e) {
                return e;
            }
            throw new AssertionError("read without error");
        });
    }

    /** {@code depth} mappings nested in block style, one per line. */
    private static String blockNesting(int depth) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            sb.append("  ".repeat(i)).append("x:\n");
        }
        return sb.append("  ".repeat(depth)).append("y: 1\n").toString();
    }

    @Test
    void blockNestingFiveThousandDeepIsRefusedAtTheLevelPastTheLimit() {
        YamlLimitException e = refused(blockNesting(5000));
        assertThat(e.kind()).isEqualTo(YamlLimitException.Kind.TOO_DEEP);
        assertThat(e.getProblem()).contains("nested deeper than " + RuleYaml.MAX_DEPTH);
        assertThat(e.getProblemMark().orElseThrow().getLine() + 1).isEqualTo(RuleYaml.MAX_DEPTH + 1);
    }

    @Test
    void flowNestingHundredThousandDeepIsRefused() {
        String yaml = "[".repeat(100_000) + "]".repeat(100_000);
        YamlLimitException e = refused(yaml);
        assertThat(e.kind()).isEqualTo(YamlLimitException.Kind.TOO_DEEP);
        assertThat(e.getProblemMark().orElseThrow().getColumn() + 1).isEqualTo(RuleYaml.MAX_DEPTH + 1);
    }

    @Test
    void nestingUpToTheLimitReads() {
        List<Node> docs = Hostile.run(() -> RuleYaml.documents("ok.yaml", blockNesting(RuleYaml.MAX_DEPTH - 1)));
        assertThat(docs).hasSize(1);
    }

    @Test
    void tenThousandAliasesOfOneLargeScalarAreRefused() {
        StringBuilder sb = new StringBuilder("big: &a ").append("x".repeat(100_000)).append("\nuses: [");
        for (int i = 0; i < 10_000; i++) {
            sb.append(i == 0 ? "*a" : ", *a");
        }
        YamlLimitException e = refused(sb.append("]\n").toString());
        assertThat(e.kind()).isEqualTo(YamlLimitException.Kind.TOO_LARGE);
        assertThat(e.getProblem()).contains("characters with its aliases expanded");
        assertThat(e.getProblemMark().orElseThrow().getLine() + 1).isEqualTo(2);
    }

    @Test
    void aliasesOfCollectionsDoublingAreRefusedBeforeTheyAreExpanded() {
        // 25 levels, each two aliases of the one before: 50 aliases (SnakeYAML's own cap), 2^25 nodes expanded.
        StringBuilder sb = new StringBuilder("l0: &l0 [a, b]\n");
        for (int i = 1; i <= 25; i++) {
            sb.append("l").append(i).append(": &l").append(i).append(" [*l").append(i - 1).append(", *l")
                    .append(i - 1).append("]\n");
        }
        YamlLimitException e = refused(sb.toString());
        assertThat(e.kind()).isEqualTo(YamlLimitException.Kind.TOO_LARGE);
        assertThat(e.getProblem()).contains("nodes with its aliases expanded");
    }

    @Test
    void duplicateKeysAreRefusedAtTheSecond() {
        YamlLimitException e = refused("a: 1\nb:\n  c: 2\n  c: 3\n");
        assertThat(e.kind()).isEqualTo(YamlLimitException.Kind.DUPLICATE_KEY);
        assertThat(e.getProblem()).isEqualTo("duplicate key 'c'");
        assertThat(e.getProblemMark().orElseThrow().getLine() + 1).isEqualTo(4);
        // the same key in two mappings, or as a value, is fine; so is an alias used as a value
        assertThat(RuleYaml.documents("ok.yaml", "a: {k: 1}\nb: {k: &v k}\nc: [k, k]\nd: *v\n")).hasSize(1);
        YamlLimitException viaAlias = refused("x: &k key\nm: {key: 1, *k : 2}\n");
        assertThat(viaAlias.kind()).isEqualTo(YamlLimitException.Kind.DUPLICATE_KEY);
    }

    @Test
    void ordinaryDocumentsWithAnchorsRead() {
        List<Node> docs = RuleYaml.documents("ok.yaml", """
                base: &base {level: high, tags: [a, b]}
                rules:
                  - *base
                  - *base
                ---
                - second document
                """);
        assertThat(docs).hasSize(2);
        assertThat(docs.get(0)).isInstanceOf(MappingNode.class);
        assertThat(docs.get(1)).isInstanceOf(SequenceNode.class);
    }

    @Test
    void syntaxErrorsStaySnakeYamlsOwn() {
        assertThatThrownBy(() -> RuleYaml.documents("bad.yaml", "a: [unclosed\nb: 1\n"))
                .isInstanceOf(MarkedYamlEngineException.class)
                .isNotInstanceOf(YamlLimitException.class);
    }
}
