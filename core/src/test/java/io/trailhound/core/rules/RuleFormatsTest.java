package io.trailhound.core.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailhound.core.Severity;
import io.trailhound.core.rules.elastic.GeoIp;
import io.trailhound.core.rules.engine.Detector;
import io.trailhound.core.rules.engine.RuleSet;
import io.trailhound.core.rules.ir.CompiledRule;
import io.trailhound.core.rules.ir.RuleFormat;
import io.trailhound.core.rules.ir.RuleInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry of rule languages: everything outside a front end asks it, never a language by name. */
class RuleFormatsTest {
    private static final RuleFormats FORMATS = RuleFormats.standard();

    @TempDir
    Path dir;

    @Test
    void formatWordsAndExtensionsComeFromTheFrontEndsInOrder() {
        assertThat(FORMATS.ids()).containsExactly("falco", "elastic", "sigma");
        assertThat(FORMATS.extensions()).containsExactly(".yaml", ".yml", ".toml");
        assertThat(FORMATS.byId("Sigma").format()).isEqualTo(RuleFormat.SIGMA);
        assertThat(FORMATS.byId("builtin")).isNull(); // the shipped pack is not a --rules word
        assertThat(FORMATS.byId("splunk")).isNull();
        assertThat(FORMATS.of(RuleFormat.BUILTIN).id()).isEqualTo("builtin");
    }

    @Test
    void parseConsultsTheRegistryWithTheSameMessage() {
        assertThat(RuleSource.parse("ELASTIC:rules/x.toml")).isEqualTo(new RuleSource(RuleFormat.ELASTIC,
                Path.of("rules/x.toml")));
        assertThat(RuleSource.parse("falco:r.yaml").toString()).isEqualTo("falco:r.yaml");
        for (String bad : List.of("splunk:x", "builtin:x", "x.yaml", "falco:", ":x")) {
            assertThatThrownBy(() -> RuleSource.parse(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("expected FORMAT:PATH with FORMAT one of falco, elastic, sigma (e.g. falco:rules.yaml), got '"
                            + bad + "'");
        }
    }

    @Test
    void sniffingTellsTheLanguagesApartByNameThenContent() throws IOException {
        Path toml = write("a.toml", "[rule]\n");
        Path sigma = write("b.yml", "title: t\nlogsource:\n  product: aws\ndetection:\n  sel: {}\n");
        Path correlation = write("c.YAML", "title: c\ncorrelation:\n  type: event_count\n");
        Path falco = write("d.yaml", "- rule: r\n  condition: ct.name=x\n");
        Path other = write("e.json", "{}");
        assertThat(FORMATS.sniff(toml).format()).isEqualTo(RuleFormat.ELASTIC);
        assertThat(FORMATS.sniff(sigma).format()).isEqualTo(RuleFormat.SIGMA);
        assertThat(FORMATS.sniff(correlation).format()).isEqualTo(RuleFormat.SIGMA);
        assertThat(FORMATS.sniff(falco).format()).isEqualTo(RuleFormat.FALCO);
        assertThat(FORMATS.sniff(other)).isNull();
        // Unreadable YAML goes to the first language that takes the name: the loader reports the error.
        assertThat(FORMATS.sniff(dir.resolve("missing.yml")).format()).isEqualTo(RuleFormat.FALCO);
        Path notUtf8 = dir.resolve("f.yml");
        Files.write(notUtf8, new byte[] {'d', 'e', 't', (byte) 0xff, '\n'});
        assertThat(FORMATS.sniff(notUtf8).format()).isEqualTo(RuleFormat.FALCO);
    }

    @Test
    void eachLanguageWordsItsOwnPrioritiesAndTypes() {
        assertThat(FORMATS.of(RuleFormat.FALCO).priorityWord(info(RuleFormat.FALCO, "WARNING", Map.of())))
                .isEqualTo("Warning");
        assertThat(FORMATS.of(RuleFormat.BUILTIN).priorityWord(info(RuleFormat.BUILTIN, "info", Map.of())))
                .isEqualTo("Informational");
        assertThat(FORMATS.of(RuleFormat.SIGMA).priorityWord(info(RuleFormat.SIGMA, "high", Map.of()))).isEqualTo("high");
        assertThat(FORMATS.of(RuleFormat.ELASTIC).priorityWord(info(RuleFormat.ELASTIC, null, Map.of())))
                .isEqualTo("medium");
        assertThat(FORMATS.of(RuleFormat.SIGMA).ruleType(info(RuleFormat.SIGMA, "high", Map.of("correlation", "x"))))
                .isEqualTo("correlation");
        assertThat(FORMATS.of(RuleFormat.SIGMA).ruleType(info(RuleFormat.SIGMA, "high", Map.of()))).isEqualTo("rule");
        assertThat(FORMATS.of(RuleFormat.ELASTIC).ruleType(info(RuleFormat.ELASTIC, null, Map.of("type", "eql"))))
                .isEqualTo("eql");
        // Only Sigma calls a rule with a correlation key a correlation.
        assertThat(FORMATS.of(RuleFormat.FALCO).ruleType(info(RuleFormat.FALCO, "WARNING", Map.of("correlation", "x"))))
                .isEqualTo("rule");
    }

    @Test
    void falcoFirstMatchIsAFlagTheFalcoFrontEndSetsOnItsOwnRulesOnly() throws IOException {
        String rules = """
                - rule: Generic
                  desc: d
                  condition: ct.name=ConsoleLogin
                  output: generic
                  priority: WARNING
                  source: aws_cloudtrail
                - rule: Specific
                  desc: d
                  condition: ct.name=ConsoleLogin and ct.user.identitytype=Root
                  output: specific
                  priority: CRITICAL
                  source: aws_cloudtrail
                """;
        Path falco = write("first.yaml", rules);
        Path sigma = write("s.yml", """
                title: Console login
                id: 5b2a6b7e-0000-4000-8000-000000000001
                logsource:
                  product: aws
                  service: cloudtrail
                detection:
                  sel:
                    eventName: ConsoleLogin
                  condition: sel
                level: low
                """);
        List<RuleSource> sources = List.of(new RuleSource(RuleFormat.FALCO, falco), new RuleSource(RuleFormat.SIGMA, sigma));
        LoadResult all = RuleFormats.standard().loader().load(sources);
        LoadResult first = RuleFormats.with(GeoIp.NONE, true).loader().load(sources);
        assertThat(all.problems()).extracting(LoadProblem::level).doesNotContain(LoadProblem.Level.ERROR);
        assertThat(all.rules()).extracting(CompiledRule::firstMatch).containsExactly(false, false, false);
        assertThat(first.rules()).extracting(CompiledRule::firstMatch).containsExactly(true, true, false);
        assertThat(RuleFormats.builtin().rules()).extracting(CompiledRule::firstMatch).containsOnly(false);

        var root = TestEvents.parse("""
                {"eventTime":"2024-05-01T10:00:00Z","eventID":"1","eventType":"AwsConsoleSignIn",
                 "eventSource":"signin.amazonaws.com","eventName":"ConsoleLogin","awsRegion":"us-east-1",
                 "userIdentity":{"type":"Root","arn":"arn:aws:iam::1:root"}}
                """);
        assertThat(new Detector(new RuleSet(all.rules())).detect(root).hits()).extracting(h -> h.rule().info().name())
                .containsExactly("Generic", "Specific", "Console login");
        assertThat(new Detector(new RuleSet(first.rules())).detect(root).hits()).extracting(h -> h.rule().info().name())
                .containsExactly("Generic", "Console login");
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private static RuleInfo info(RuleFormat format, String priority, Map<String, String> extra) {
        return new RuleInfo("id", "name", format, "f", 1, priority, Severity.MEDIUM, null, List.of(), List.of(),
                List.of(), "", true, null, List.of(), extra);
    }
}
