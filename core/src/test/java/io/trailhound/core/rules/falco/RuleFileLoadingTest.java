package io.trailhound.core.rules.falco;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.rules.LoadProblem;
import io.trailhound.core.rules.LoadResult;
import io.trailhound.core.rules.RuleFile;
import io.trailhound.core.rules.ir.CompiledRule;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rule-file language (falco.md §4): items, append and override, exceptions, sources, errors. */
class RuleFileLoadingTest {
    private static final String RULE = """
            - rule: Stop
              desc: trail stopped
              condition: ct.name = StopLogging
              output: stopped by %ct.user
              priority: warning
              tags: [aws]
              source: aws_cloudtrail
            """;
    private static final CloudTrailEvent STOP = Records.event("cloudtrail.amazonaws.com", "StopLogging",
            Records.ALICE, ",\"requestParameters\":{\"name\":\"main\"}");
    private static final CloudTrailEvent STOP_BY_ROLE = Records.event("cloudtrail.amazonaws.com", "StopLogging",
            Records.ADMIN_ROLE, ",\"requestParameters\":{\"name\":\"audit trail\"}");

    private static LoadResult load(String... files) {
        List<RuleFile> list = new java.util.ArrayList<>();
        for (int i = 0; i < files.length; i++) {
            list.add(new RuleFile("f" + (i + 1) + ".yaml", files[i]));
        }
        return new FalcoFrontEnd().load(list);
    }

    private static CompiledRule only(LoadResult r) {
        assertThat(r.errors()).isEmpty();
        assertThat(r.rules()).hasSize(1);
        return r.rules().get(0);
    }

    private static LoadProblem problem(LoadResult r, String code) {
        return r.problems().stream().filter(p -> p.code().equals(code)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + code + " in " + r.problems()));
    }

    @Test
    void malformedYamlNamesFileLineAndColumn() {
        LoadResult r = load("- rule: x\n  desc: [unclosed\n  condition: ct.name = X\n");
        LoadProblem p = r.errors().get(0);
        assertThat(p.code()).isEqualTo("LOAD_ERR_YAML_PARSE");
        assertThat(p.file()).isEqualTo("f1.yaml");
        assertThat(p.line()).isEqualTo(3);
        assertThat(p.column()).isGreaterThan(0);
        assertThat(p.toString()).startsWith("f1.yaml:3:");
        LoadProblem notAList = load("rule: x\n").errors().get(0);
        assertThat(notAList.code()).isEqualTo("LOAD_ERR_YAML_VALIDATE");
        assertThat(notAList.line()).isEqualTo(1);
    }

    @Test
    void yamlTagsAreNeverConstructed() {
        LoadResult r = load("- rule: !!javax.script.ScriptEngineManager [x]\n");
        assertThat(r.rules()).isEmpty();
        assertThat(r.errors()).isNotEmpty();
    }

    @Test
    void ruleMetadata() {
        CompiledRule r = only(load(RULE));
        assertThat(r.info().priority()).isEqualTo("warning");
        assertThat(r.info().line()).isEqualTo(1);
        assertThat(r.info().tags()).containsExactly("aws");
        assertThat(r.output().render(STOP)).isEqualTo("stopped by alice");
    }

    @Test
    void missingKeysAndBadPriorityAreErrorsOnTheRule() {
        LoadProblem p = load("- rule: x\n  desc: d\n  condition: ct.name = X\n  priority: INFO\n").errors().get(0);
        assertThat(p.message()).contains("'output'");
        assertThat(p.line()).isEqualTo(1);
        LoadResult bad = load(RULE.replace("priority: warning", "priority: urgent"));
        assertThat(bad.errors()).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo("LOAD_ERR_VALIDATE");
            assertThat(e.rule()).isEqualTo("Stop");
        });
    }

    @Test
    void unknownKeysAndItemsAreWarnings() {
        LoadResult r = load(RULE.replace("  tags: [aws]\n", "  tags: [aws]\n  severity: high\n") + "- foo: bar\n");
        assertThat(r.errors()).isEmpty();
        LoadProblem key = problem(r, "LOAD_UNKNOWN_KEY");
        assertThat(key.line()).isEqualTo(7);
        assertThat(key.column()).isEqualTo(3);
        assertThat(key.message()).contains("severity");
        assertThat(problem(r, "LOAD_UNKNOWN_ITEM").line()).isEqualTo(9);
    }

    @Test
    void rulesForOtherSourcesAreSkippedWithANotice() {
        LoadResult r = load(RULE + """
                - rule: Shell in container
                  desc: d
                  condition: evt.type = execve
                  output: o
                  priority: NOTICE
                - rule: K8s
                  desc: d
                  condition: ka.verb = create
                  output: o
                  priority: NOTICE
                  source: k8s_audit
                """);
        assertThat(r.errors()).isEmpty();
        assertThat(r.rules()).hasSize(1);
        assertThat(r.skipped()).extracting(LoadResult.Skipped::rule).containsExactly("Shell in container", "K8s");
        assertThat(r.skipped().get(0).reason()).contains("syscall");
        assertThat(r.problems()).filteredOn(p -> p.code().equals("LOAD_UNKNOWN_SOURCE")).hasSize(2)
                .allSatisfy(p -> assertThat(p.level()).isEqualTo(LoadProblem.Level.NOTICE));
    }

    @Test
    void disabledRulesCompileAndCarryTheirReason() {
        CompiledRule r = only(load(RULE + "  enabled: false\n"));
        assertThat(r.info().enabled()).isFalse();
        assertThat(r.info().disabledReason()).contains("f1.yaml");
        CompiledRule toggled = only(load(RULE, "- rule: Stop\n  enabled: false\n"));
        assertThat(toggled.info().enabled()).isFalse();
    }

    @Test
    void laterFilesAppendAndOverrideAndShareListsAndMacros() {
        String base = """
                - list: trails
                  items: [main]
                - macro: is_trail
                  condition: ct.request.name in (trails)
                """ + RULE;
        String more = """
                - list: trails
                  items: ["audit trail"]
                  append: true
                - rule: Stop
                  condition: and is_trail
                  output: "(trail %ct.request.name)"
                  tags: [cloudtrail]
                  priority: CRITICAL
                  override:
                    condition: append
                    output: append
                    tags: append
                    priority: replace
                """;
        CompiledRule r = only(load(base, more));
        assertThat(r.condition().test(STOP)).isTrue();
        assertThat(r.condition().test(STOP_BY_ROLE)).isTrue();
        assertThat(r.info().priority()).isEqualTo("CRITICAL");
        assertThat(r.info().tags()).containsExactly("aws", "cloudtrail");
        assertThat(r.info().file()).isEqualTo("f1.yaml");
        assertThat(r.output().render(STOP)).isEqualTo("stopped by alice (trail main)");
    }

    @Test
    void legacyAppendAndFullRedefinition() {
        CompiledRule appended = only(load(RULE, """
                - rule: Stop
                  condition: and ct.user = Admin
                  append: true
                """));
        assertThat(appended.condition().test(STOP)).isFalse();
        assertThat(appended.condition().test(STOP_BY_ROLE)).isTrue();
        CompiledRule replaced = only(load(RULE, RULE.replace("StopLogging", "DeleteTrail")));
        assertThat(replaced.condition().test(STOP)).isFalse();
    }

    @Test
    void appendAndOverrideErrors() {
        assertThat(load("- list: nope\n  items: [a]\n  append: true\n").errors().get(0).message())
                .contains("never defined");
        LoadResult unlisted = load(RULE, """
                - rule: Stop
                  condition: and ct.user = Admin
                  desc: new words
                  override:
                    condition: append
                """);
        assertThat(unlisted.errors()).singleElement().satisfies(e -> {
            assertThat(e.message()).contains("unexpected key 'desc'");
            assertThat(e.line()).isEqualTo(3);
            assertThat(e.file()).isEqualTo("f2.yaml");
        });
        assertThat(load(RULE, "- rule: Stop\n  condition: x\n  append: true\n  override:\n    condition: append\n")
                .errors().get(0).message()).contains("cannot be used together");
    }

    @Test
    void macroAppendAndUnusedWarnings() {
        LoadResult r = load("""
                - macro: m
                  condition: ct.name = StopLogging
                - macro: m
                  condition: or ct.name = DeleteTrail
                  append: true
                - macro: unused
                  condition: ct.name = X
                - list: spare
                  items: [a]
                """ + RULE.replace("condition: ct.name = StopLogging", "condition: m"));
        CompiledRule rule = only(r);
        assertThat(rule.condition().test(Records.event("cloudtrail.amazonaws.com", "DeleteTrail", Records.ALICE, "")))
                .isTrue();
        assertThat(problem(r, "LOAD_UNUSED_MACRO").message()).contains("unused");
        assertThat(problem(r, "LOAD_UNUSED_LIST").message()).contains("spare");
    }

    @Test
    void exceptionsInBothFormsAreCompiledAsFalcoWritesThem() {
        String withExceptions = RULE + """
                  exceptions:
                    - name: known_admins
                      fields: [ct.user, ct.request.name]
                      comps: [=, in]
                      values:
                        - [Admin, [audit trail, other]]
                    - name: known_users
                      fields: ct.user
                      values: [bob, carol]
                """;
        CompiledRule r = only(load(withExceptions));
        assertThat(r.condition().test(STOP)).isTrue();
        assertThat(r.condition().test(STOP_BY_ROLE)).isFalse();
        CompiledRule more = only(load(withExceptions, """
                - rule: Stop
                  exceptions:
                    - name: known_users
                      values: [alice]
                  override:
                    exceptions: append
                """));
        assertThat(more.condition().test(STOP)).isFalse();
    }

    @Test
    void anExceptionWithAListModifierTakesItsSingleValueAsAList() {
        CompiledRule r = only(load(RULE + """
                  exceptions:
                    - name: audit_trails
                      fields: [ct.request.name]
                      comps: [startswith anyof]
                      values:
                        - [audit]
                """));
        assertThat(r.condition().test(STOP)).isTrue();
        assertThat(r.condition().test(STOP_BY_ROLE)).isFalse();
    }

    @Test
    void exceptionShapeErrorsAndDuplicateNames() {
        assertThat(load(RULE + """
                  exceptions:
                    - name: e
                      fields: [ct.user, ct.region]
                      comps: [=]
                """).errors().get(0).message()).contains("different lengths");
        assertThat(load(RULE + """
                  exceptions:
                    - name: e
                      fields: ct.user
                      comps: =
                """).errors().get(0).message()).contains("must be in, pmatch or intersects");
        LoadResult dup = load(RULE + """
                  exceptions:
                    - name: e
                      fields: ct.user
                      values: [a]
                    - name: e
                      fields: ct.region
                      values: [b]
                """);
        assertThat(problem(dup, "LOAD_EXCEPTION_NAME_NOT_UNIQUE").rule()).isEqualTo("Stop");
        LoadResult unknownField = load(RULE + """
                  exceptions:
                    - name: e
                      fields: ct.nosuch
                      values: [a]
                """);
        assertThat(unknownField.errors().get(0).message()).contains("unknown field 'ct.nosuch'");
    }

    @Test
    void skipIfUnknownFilterTurnsTheErrorIntoAWarning() {
        LoadResult r = load(RULE.replace("ct.name = StopLogging", "ct.future.field = 1")
                + "  skip-if-unknown-filter: true\n");
        assertThat(r.errors()).isEmpty();
        assertThat(r.rules()).isEmpty();
        assertThat(problem(r, "LOAD_UNKNOWN_FILTER").level()).isEqualTo(LoadProblem.Level.WARNING);
    }

    @Test
    void oneBadRuleDoesNotStopTheOthers() {
        LoadResult r = load(RULE.replace("ct.name = StopLogging", "ct.name =").replace("rule: Stop", "rule: Broken") + RULE);
        assertThat(r.errors()).hasSize(1);
        assertThat(r.rules()).extracting(c -> c.info().name()).containsExactly("Stop");
    }

    @Test
    void versionRequirementsAreRecorded() {
        CompiledRule r = only(load("- required_engine_version: 0.26.0\n- required_engine_version: 10\n"
                + "- required_plugin_versions:\n  - name: cloudtrail\n    version: 0.10.0\n" + RULE));
        assertThat(r.info().extra()).containsEntry("required_engine_version", "0.26.0")
                .containsEntry("required_plugin_versions", "cloudtrail 0.10.0");
        LoadResult newer = load("- required_engine_version: 0.70.0\n" + RULE);
        assertThat(newer.errors()).isEmpty();
        assertThat(problem(newer, "LOAD_ENGINE_VERSION").line()).isEqualTo(1);
    }

    @Test
    void acceptsYamlFiles() {
        FalcoFrontEnd f = new FalcoFrontEnd();
        assertThat(f.accepts(Path.of("rules/aws.yaml"))).isTrue();
        assertThat(f.accepts(Path.of("rules/aws.YML"))).isTrue();
        assertThat(f.accepts(Path.of("rules/aws.toml"))).isFalse();
    }
}
