package io.trailhound.core.rules.sigma;

import static io.trailhound.core.rules.sigma.SigmaFixtures.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.rules.LoadResult;
import io.trailhound.core.rules.RuleFile;
import io.trailhound.core.rules.ir.CompiledRule;
import io.trailhound.core.rules.ir.Matchers;
import io.trailhound.core.rules.ir.Stateful;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Sigma correlation rules compiled to the IR's stateful operators. */
class CorrelationTest {
    private static final String BASE_RULES = """
            title: Failed console login
            id: 0a000000-0000-0000-0000-000000000001
            name: failed_login
            logsource:
                product: aws
                service: cloudtrail
            level: low
            detection:
                sel:
                    eventName: ConsoleLogin
                    errorMessage: Failed authentication
                condition: sel
            ---
            title: Successful console login
            id: 0a000000-0000-0000-0000-000000000002
            name: good_login
            logsource:
                product: aws
                service: cloudtrail
            level: low
            detection:
                sel:
                    eventName: ConsoleLogin
                    responseElements.ConsoleLogin: Success
                condition: sel
            """;

    private static LoadResult load(String correlations) {
        return new SigmaFrontEnd().load(List.of(new RuleFile("base.yml", BASE_RULES),
                new RuleFile("correlations.yml", correlations)));
    }

    private static CompiledRule only(LoadResult r, String id) {
        return r.rules().stream().filter(x -> x.info().id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void eventCountIsAThresholdOnTheReferencedRulesEventsPerGroup() {
        LoadResult r = load("""
                title: Many failed logins
                id: c0000000-0000-0000-0000-000000000001
                level: high
                correlation:
                    type: event_count
                    rules:
                        - failed_login
                    group-by:
                        - sourceIPAddress
                    timespan: 10m
                    condition:
                        gte: 5
                """);
        assertThat(r.problems()).isEmpty();
        CompiledRule c = only(r, "c0000000-0000-0000-0000-000000000001");
        Stateful.Threshold t = (Stateful.Threshold) c.stateful();
        assertThat(t.window()).isEqualTo(Duration.ofMinutes(10));
        assertThat(t.count()).isEqualTo(new Stateful.Count(Matchers.NumericOp.GE, 5));
        assertThat(t.groupBy()).extracting(a -> a.name()).containsExactly("sourceIPAddress");
        assertThat(t.cardinalityField()).isNull();
        CloudTrailEvent failed = event("signin.amazonaws.com", "ConsoleLogin",
                "\"errorMessage\":\"Failed authentication\",\"responseElements\":{\"ConsoleLogin\":\"Failure\"}");
        CloudTrailEvent ok = event("signin.amazonaws.com", "ConsoleLogin",
                "\"responseElements\":{\"ConsoleLogin\":\"Success\"}");
        assertThat(c.condition().test(failed)).isTrue();
        assertThat(c.condition().test(ok)).isFalse();
        // generate is false by default: the referenced rule stops alerting on its own.
        assertThat(only(r, "0a000000-0000-0000-0000-000000000001").info().enabled()).isFalse();
        assertThat(only(r, "0a000000-0000-0000-0000-000000000002").info().enabled()).isTrue();
        assertThat(r.rules()).extracting(x -> x.info().id()).containsExactly("0a000000-0000-0000-0000-000000000001",
                "0a000000-0000-0000-0000-000000000002", "c0000000-0000-0000-0000-000000000001");
    }

    @Test
    void valueCountCountsDistinctValuesAndRulesCanBeNamedById() {
        LoadResult r = load("""
                title: Logins to many users from one IP
                id: c2
                correlation:
                    type: value_count
                    rules: 0a000000-0000-0000-0000-000000000001
                    group-by:
                        - sourceIPAddress
                    timespan: 1h
                    condition:
                        field: userIdentity.userName
                        gt: 3
                    generate: true
                level: high
                """);
        assertThat(r.problems()).isEmpty();
        Stateful.Threshold t = (Stateful.Threshold) only(r, "c2").stateful();
        assertThat(t.count()).isNull();
        assertThat(t.cardinalityField().name()).isEqualTo("userIdentity.userName");
        assertThat(t.cardinality()).isEqualTo(new Stateful.Count(Matchers.NumericOp.GT, 3));
        assertThat(t.window()).isEqualTo(Duration.ofHours(1));
        assertThat(only(r, "0a000000-0000-0000-0000-000000000001").info().enabled()).isTrue();
    }

    @Test
    void temporalIsAnUnorderedSequenceAndTemporalOrderedAnOrderedOne() {
        String temporal = """
                title: Failed then good login
                id: c3
                correlation:
                    type: %s
                    rules:
                        - failed_login
                        - good_login
                    group-by:
                        - userIdentity.userName
                    timespan: 30s
                level: medium
                """;
        LoadResult unordered = load(temporal.formatted("temporal"));
        assertThat(unordered.problems()).isEmpty();
        Stateful.Sequence s = (Stateful.Sequence) only(unordered, "c3").stateful();
        assertThat(s.ordered()).isFalse();
        assertThat(s.maxspan()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.steps()).containsExactly(only(unordered, "0a000000-0000-0000-0000-000000000001").condition(),
                only(unordered, "0a000000-0000-0000-0000-000000000002").condition());
        assertThat(s.by()).extracting(a -> a.name()).containsExactly("userIdentity.userName");
        Stateful.Sequence o = (Stateful.Sequence) only(load(temporal.formatted("temporal_ordered")), "c3").stateful();
        assertThat(o.ordered()).isTrue();
    }

    @Test
    void badCorrelationsAreLoadErrors() {
        String[][] cases = {
                {"type: event_count\n    rules: [nobody]\n    timespan: 1m\n    condition: {gte: 2}",
                        "SIGMA_UNKNOWN_RULE_REFERENCE"},
                {"type: event_count\n    rules: [failed_login]\n    timespan: soon\n    condition: {gte: 2}",
                        "SIGMA_BAD_CORRELATION"},
                {"type: event_count\n    rules: [failed_login]\n    timespan: 1m", "SIGMA_BAD_CORRELATION"},
                {"type: sometimes\n    rules: [failed_login]\n    timespan: 1m", "SIGMA_BAD_CORRELATION"},
                {"type: value_count\n    rules: [failed_login]\n    timespan: 1m\n    condition: {gte: 2}",
                        "SIGMA_BAD_CORRELATION"},
                {"type: temporal\n    rules: [failed_login, good_login]\n    timespan: 1m\n    condition: {gte: 1}",
                        "SIGMA_UNSUPPORTED"},
        };
        for (String[] c : cases) {
            LoadResult r = load("title: bad\nid: bad\nlevel: low\ncorrelation:\n    " + c[0] + "\n");
            assertThat(r.rules()).as(c[0]).hasSize(2);
            assertThat(r.errors()).as(c[0]).singleElement().satisfies(e -> {
                assertThat(e.code()).isEqualTo(c[1]);
                assertThat(e.file()).isEqualTo("correlations.yml");
                assertThat(e.rule()).isEqualTo("bad");
            });
        }
    }

    @Test
    void aCorrelationOverARuleForAnotherLogSourceIsSkippedToo() {
        LoadResult r = new SigmaFrontEnd().load(List.of(new RuleFile("win.yml", """
                title: Windows logon failure
                id: w1
                name: win_fail
                logsource:
                    product: windows
                    service: security
                level: low
                detection:
                    sel:
                        EventID: 4625
                    condition: sel
                ---
                title: Many Windows logon failures
                id: w2
                level: high
                correlation:
                    type: event_count
                    rules: [win_fail]
                    timespan: 5m
                    condition: {gte: 10}
                """)));
        assertThat(r.rules()).isEmpty();
        assertThat(r.hasErrors()).isFalse();
        assertThat(r.skipped()).extracting(LoadResult.Skipped::rule)
                .containsExactly("Windows logon failure", "Many Windows logon failures");
    }

    @Test
    void countConditionsThatOnlyAWindowsEndCouldDecideAreRefusedClearly() {
        for (String op : new String[] {"lt", "lte", "eq", "neq"}) {
            LoadResult r = load("""
                    title: Few logins
                    id: c0000000-0000-0000-0000-0000000000%s
                    correlation:
                        type: event_count
                        rules:
                            - failed_login
                        timespan: 10m
                        condition:
                            %s: 3
                    """.formatted(op.length() == 2 ? "e" + op.length() : "f" + op.length(), op));
            assertThat(r.errors()).as(op).singleElement().satisfies(p -> {
                assertThat(p.code()).isEqualTo("SIGMA_UNSUPPORTED");
                assertThat(p.message()).contains("'" + op + "'");
                assertThat(p.line()).isPositive();
            });
        }
    }
}
