package io.trailhound.core.rules.falco;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.core.rules.LoadResult;
import io.trailhound.core.rules.RuleFile;
import io.trailhound.core.rules.ir.CompiledRule;
import java.util.List;

/** Small rule files written inline, for tests of the language. */
final class TestRuleFiles {
    private TestRuleFiles() {
    }

    static LoadResult load(String yaml) {
        return new FalcoFrontEnd().load(List.of(new RuleFile("test.yaml", yaml)));
    }

    /** One rule named {@code r} with {@code condition}, after {@code preamble} (lists, macros). */
    static String ruleYaml(String preamble, String condition) {
        return preamble + """
                - rule: r
                  desc: test rule
                  condition: %s
                  output: matched (%%ct.name)
                  priority: INFO
                  source: aws_cloudtrail
                """.formatted(yamlString(condition));
    }

    /** A double-quoted YAML scalar holding {@code s}. */
    static String yamlString(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /** The compiled rule, asserting the file loaded without errors. */
    static CompiledRule compile(String preamble, String condition) {
        LoadResult r = load(ruleYaml(preamble, condition));
        assertThat(r.errors()).as("errors for " + condition).isEmpty();
        assertThat(r.rules()).hasSize(1);
        return r.rules().get(0);
    }

    static CompiledRule compile(String condition) {
        return compile("", condition);
    }
}
