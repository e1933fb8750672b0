package io.trailhound.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.store.EventStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The alert page queries: newest first, paging, every filter, counts under the filters. */
class WebQueriesTest {
    @TempDir
    static Path tmp;
    static Path db;

    @BeforeAll
    static void store() {
        db = TestStore.withAlerts(tmp, 40);
    }

    private static WebQueries.AlertPage page(AlertFilter f, int limit, int offset) {
        try (EventStore s = EventStore.open(db.toString(), true)) {
            return WebQueries.alerts(s, f, limit, offset);
        }
    }

    private static List<Integer> numbers(WebQueries.AlertPage p) {
        return p.alerts().stream().map(r -> Integer.parseInt(r.json().replaceAll("\\D", ""))).toList();
    }

    @Test
    void pagesAreNewestFirstAndDoNotOverlap() {
        WebQueries.AlertPage first = page(AlertFilter.NONE, 10, 0);
        WebQueries.AlertPage second = page(AlertFilter.NONE, 10, 10);
        assertThat(first.total()).isEqualTo(40);
        assertThat(numbers(first)).containsExactly(39, 38, 37, 36, 35, 34, 33, 32, 31, 30);
        assertThat(numbers(second)).containsExactly(29, 28, 27, 26, 25, 24, 23, 22, 21, 20);
        assertThat(page(AlertFilter.NONE, 10, 40).alerts()).isEmpty();
        assertThat(first.alerts().get(0).json()).isEqualTo("{\"n\":39}");
    }

    @Test
    void eachFilterNarrowsTheList() {
        AlertFilter sev = new AlertFilter(List.of("critical", "low"), null, null, null, null, null, null, null);
        assertThat(numbers(page(sev, 100, 0))).allMatch(i -> i % 4 == 0 || i % 4 == 3).hasSize(20);
        AlertFilter rule = new AlertFilter(List.of(), "Rule 1", null, null, null, null, null, null);
        assertThat(numbers(page(rule, 100, 0))).allMatch(i -> i % 3 == 1).hasSize(13);
        AlertFilter format = new AlertFilter(List.of(), null, "sigma", null, null, null, null, null);
        assertThat(numbers(page(format, 100, 0))).allMatch(i -> i % 3 == 2).hasSize(13);
        AlertFilter account = new AlertFilter(List.of(), null, null, "111122223331", null, null, null, null);
        assertThat(numbers(page(account, 100, 0))).allMatch(i -> i % 2 == 1).hasSize(20);
        AlertFilter range = new AlertFilter(List.of(), null, null, null, null, TestStore.T0.plusSeconds(600),
                TestStore.T0.plusSeconds(900), null);
        assertThat(numbers(page(range, 100, 0))).containsExactly(14, 13, 12, 11, 10);
        // text is literal: % and _ are not wildcards
        AlertFilter text = new AlertFilter(List.of(), null, null, null, null, null, null, "100%_DONE");
        assertThat(numbers(page(text, 100, 0))).containsExactly(7);
        assertThat(page(new AlertFilter(List.of(), null, null, null, null, null, null, "1%_"), 100, 0).total()).as("LIKE would match 100%_done").isZero();
        AlertFilter both = new AlertFilter(List.of("high"), "Rule 0", null, null, null, null, null, null);
        assertThat(numbers(page(both, 100, 0))).allMatch(i -> i % 4 == 2 && i % 3 == 0);
    }

    @Test
    void countsFollowTheFilters() {
        try (EventStore s = EventStore.open(db.toString(), true)) {
            assertThat(WebQueries.alertCounts(s, AlertFilter.NONE, "severity")).extracting(WebQueries.Count::count)
                    .containsExactly(10L, 10L, 10L, 10L);
            AlertFilter sigma = new AlertFilter(List.of(), null, "sigma", null, null, null, null, null);
            assertThat(WebQueries.alertCounts(s, sigma, "ruleName")).containsExactly(new WebQueries.Count("Rule 2", 13));
        }
    }

    @Test
    void timeFiltersReadUtcTimesDatesAndInstants() {
        assertThat(AlertFilter.time("from", "2026-11-01")).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
        assertThat(AlertFilter.time("from", "2026-11-01T10:00")).isEqualTo(Instant.parse("2026-11-01T10:00:00Z"));
        assertThat(AlertFilter.time("from", "2026-11-01T10:00:05Z")).isEqualTo(Instant.parse("2026-11-01T10:00:05Z"));
    }

    @Test
    void bucketsAreRoundAndFew() {
        assertThat(WebQueries.bucketFor(3_600_000L, 120)).isEqualTo(60_000L);
        assertThat(WebQueries.bucketFor(86_400_000L, 120)).isEqualTo(900_000L);
        assertThat(WebQueries.bucketFor(365L * 86_400_000L, 120)).isEqualTo(7 * 86_400_000L);
        assertThat(10L * 365 * 86_400_000L / WebQueries.bucketFor(10L * 365 * 86_400_000L, 120)).isLessThan(120);
    }
}
