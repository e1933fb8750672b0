package io.trailhound.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.core.Severity;
import io.trailhound.core.rules.ir.RuleFormat;
import io.trailhound.core.rules.ir.RuleInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the CLI says about rule languages (FORMAT words, bare paths, alert priorities, rule types)
 * comes from the registry of front ends; these pin the words users see.
 */
class RuleFormatWordsTest {
    @TempDir
    Path tmp;

    @Test
    void aBarePathOfNoLanguageIsRefusedNamingTheExtensionsAndFormats() throws IOException {
        Path json = Files.writeString(tmp.resolve("rules.json"), "{}");
        CliRun r = CliRun.of("rules", "validate", json.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains(json + ": not a rule file (.yaml, .yml or .toml); name its format as falco:, "
                + "elastic: or sigma:");
    }

    @Test
    void aBarePathTakesItsFormatFromTheFile() throws IOException {
        Path toml = Files.writeString(tmp.resolve("a.toml"), "");
        Path sigma = Files.writeString(tmp.resolve("b.yml"), "title: t\ndetection:\n  sel: {}\n");
        Path falco = Files.writeString(tmp.resolve("c.yaml"), "- list: l\n  items: []\n");
        assertThat(RulesCommand.guess(toml)).isEqualTo(RuleFormat.ELASTIC);
        assertThat(RulesCommand.guess(sigma)).isEqualTo(RuleFormat.SIGMA);
        assertThat(RulesCommand.guess(falco)).isEqualTo(RuleFormat.FALCO);
        assertThat(RulesCommand.guess(tmp.resolve("d.txt"))).isNull();
        assertThat(RulesCommand.sources(List.of("SIGMA:" + falco, tmp.toString())))
                .extracting(s -> s.format().id() + " " + s.path().getFileName())
                .containsExactly("sigma c.yaml", "elastic a.toml", "sigma b.yml", "falco c.yaml");
    }

    @Test
    void alertsWordPrioritiesAsEachLanguageDoes() {
        assertThat(AlertJson.priorityWord(info(RuleFormat.FALCO, "WARNING", Map.of()))).isEqualTo("Warning");
        assertThat(AlertJson.priorityWord(info(RuleFormat.BUILTIN, "INFO", Map.of()))).isEqualTo("Informational");
        assertThat(AlertJson.priorityWord(info(RuleFormat.SIGMA, "high", Map.of()))).isEqualTo("high");
        assertThat(AlertJson.priorityWord(info(RuleFormat.ELASTIC, null, Map.of()))).isEqualTo("medium");
        assertThat(RulesCommand.type(info(RuleFormat.SIGMA, "high", Map.of("correlation", "event_count"))))
                .isEqualTo("correlation");
        assertThat(RulesCommand.type(info(RuleFormat.ELASTIC, null, Map.of("type", "new_terms")))).isEqualTo("new_terms");
        assertThat(RulesCommand.type(info(RuleFormat.FALCO, "WARNING", Map.of()))).isEqualTo("rule");
    }

    private static RuleInfo info(RuleFormat format, String priority, Map<String, String> extra) {
        return new RuleInfo("id", "name", format, "f", 1, priority, Severity.MEDIUM, null, List.of(), List.of(),
                List.of(), "", true, null, List.of(), extra);
    }
}
