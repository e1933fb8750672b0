package io.trailhound.core.rules.elastic;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.core.rules.LoadResult;
import io.trailhound.core.rules.RuleFile;
import io.trailhound.core.rules.ir.CompiledRule;
import io.trailhound.core.rules.ir.Stateful;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The same ES|QL query loaded again is the same query instance, so the engine runs it once for both rules. */
class EsqlQueryReuseTest {
    private static final String QUERY = "FROM logs-aws.cloudtrail-* | WHERE event.action == \"CreateAccessKey\" "
            + "AND source.geo.country_iso_code IS NOT NULL | STATS n = COUNT(*) BY user.name | WHERE n >= 3";

    private static CompiledRule load(String from, String query) {
        LoadResult r = new ElasticFrontEnd().load(List.of(new RuleFile("t.toml",
                EsqlSemanticsTest.toml(from, "5m", "", query))));
        assertThat(r.rules()).hasSize(1);
        return r.rules().get(0);
    }

    private static Object query(CompiledRule r) {
        return ((Stateful.Query) r.stateful()).query();
    }

    @Test
    void theSameQueryAndScheduleLoadedTwiceIsOneInstanceWithWhatEachRuleNeeds() {
        CompiledRule once = load("now-10m", QUERY);
        CompiledRule again = load("now-10m", QUERY);
        assertThat(query(again)).isSameAs(query(once));
        // Each load still learns what the rule needs (a GeoIP database here) and says so.
        assertThat(again.info().needs()).isEqualTo(once.info().needs()).anyMatch(n -> n.contains("source.geo"));
    }

    @Test
    void aQueryCompiledWithGeoIpDatabasesIsNotKeptBeyondItsLoad() {
        // It holds the databases, which the run that opened them closes.
        assertThat(query(EsqlRuns.load("t.toml", EsqlSemanticsTest.toml("now-10m", "5m", "", QUERY))))
                .isNotSameAs(query(EsqlRuns.load("t.toml", EsqlSemanticsTest.toml("now-10m", "5m", "", QUERY))));
    }

    @Test
    void anotherLookBackOrQueryIsAnotherInstance() {
        CompiledRule once = load("now-10m", QUERY);
        assertThat(query(load("now-20m", QUERY))).isNotSameAs(query(once));
        assertThat(query(load("now-10m", QUERY.replace(">= 3", ">= 4")))).isNotSameAs(query(once));
    }
}
