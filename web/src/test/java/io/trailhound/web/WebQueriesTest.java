package io.trailhound.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.store.StoreQueries;
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

    private static AlertPager.AlertPage page(AlertFilter f, int limit, int offset) {
        try (StoreQueries s = StoreQueries.open(db.toString())) {
            return AlertPager.page(s, f, limit, offset);
        }
    }

    private static List<Integer> numbers(AlertPager.AlertPage p) {
        return p.alerts().stream().map(r -> Integer.parseInt(r.json().replaceAll("\\D", ""))).toList();
    }

    @Test
    void pagesAreNewestFirstAndDoNotOverlap() {
        AlertPager.AlertPage first = page(AlertFilter.NONE, 10, 0);
        AlertPager.AlertPage second = page(AlertFilter.NONE, 10, 10);
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
    void textMatchesOutputOrRuleInAnyCaseButNotAcrossFields() {
        assertThat(page(new AlertFilter(List.of(), null, null, null, null, null, null, "OUTPUT 3"), 100, 0).total())
                .as("output 3, 30..39").isEqualTo(11);
        assertThat(page(new AlertFilter(List.of(), null, null, null, null, null, null, "rule 2"), 100, 0).total()).isEqualTo(13);
        // fields are searched one by one: a needle spanning two of them matches nothing
        assertThat(page(new AlertFilter(List.of(), null, null, null, null, null, null, "output 2\u001frule 2"), 100, 0).total())
                .isZero();
    }

    @Test
    void deepPagesAndCursorsAgreeWithOneFullSortAlsoWhenAlertsShareTimes(@TempDir Path dir) {
        // 300 alerts over 40 instants: ties broken by id, and windows of one alert force every narrowing round
        Path file = TestStore.withAlerts(dir, 300, i -> TestStore.T0.plusSeconds(7L * ((i * 37) % 40)));
        try (StoreQueries s = StoreQueries.open(file.toString())) {
            List<String> all = AlertPager.page(s, AlertFilter.NONE, 1000, 0).alerts().stream().map(WebQueries.AlertRow::id).toList();
            List<String> expected = new java.util.ArrayList<>(all);
            expected.sort(java.util.Comparator.comparing((String id) -> time(s, id)).thenComparing(id -> id).reversed());
            assertThat(all).hasSize(300).isEqualTo(expected);
            for (long windowRows : new long[] {1, 5, AlertPager.WINDOW_ROWS}) {
                for (int offset = 0; offset < 310; offset += 13) {
                    AlertPager.AlertPage p = AlertPager.page(s, AlertFilter.NONE, 7, offset, null, false, windowRows);
                    assertThat(p.alerts()).extracting(WebQueries.AlertRow::id).as("offset %d, window %d", offset, windowRows)
                            .isEqualTo(all.subList(Math.min(offset, 300), Math.min(offset + 7, 300)));
                    assertThat(p.total()).isEqualTo(300);
                }
            }
            // older pages by cursor walk the whole list; newer pages walk it back
            List<String> walked = new java.util.ArrayList<>();
            AlertPager.AlertPage p = AlertPager.page(s, AlertFilter.NONE, 7, 0, null, false, 1);
            List<AlertPager.AlertPage> pages = new java.util.ArrayList<>();
            while (true) {
                pages.add(p);
                p.alerts().forEach(r -> walked.add(r.id()));
                if (p.older() == null) {
                    break;
                }
                p = AlertPager.page(s, AlertFilter.NONE, 7, 0, p.older(), true, 1);
                assertThat(p.offset()).isEqualTo(walked.size());
            }
            assertThat(walked).isEqualTo(all);
            for (int i = pages.size() - 1; i > 0; i--) {
                AlertPager.AlertPage newer = AlertPager.page(s, AlertFilter.NONE, 7, 0, pages.get(i).newer(), false, 1);
                assertThat(newer.alerts()).extracting(WebQueries.AlertRow::id)
                        .isEqualTo(pages.get(i - 1).alerts().stream().map(WebQueries.AlertRow::id).toList());
                assertThat(newer.offset()).isEqualTo(pages.get(i - 1).offset());
            }
            assertThat(pages.get(0).newer()).isNull();
            // a cursor under a filter: the next sigma alerts older than a sigma alert
            AlertFilter sigma = new AlertFilter(List.of(), null, "sigma", null, null, null, null, null);
            List<String> sigmas = AlertPager.page(s, sigma, 1000, 0).alerts().stream().map(WebQueries.AlertRow::id).toList();
            AlertPager.AlertPage first = AlertPager.page(s, sigma, 10, 0, null, false, 1);
            assertThat(AlertPager.page(s, sigma, 10, 0, first.older(), true, 1).alerts()).extracting(WebQueries.AlertRow::id)
                    .isEqualTo(sigmas.subList(10, 20));
        }
    }

    private static long time(StoreQueries s, String id) {
        return WebQueries.alert(s, id).timeMicros();
    }

    @Test
    void cursorsReadBackAsTheyAreWritten() {
        AlertCursor c = new AlertCursor(1_793_491_200_123_456L, "sigma:r,1:id:e-1");
        assertThat(c.toString()).isEqualTo("2026-11-01T00:00:00.123456Z,sigma:r,1:id:e-1");
        assertThat(AlertCursor.parse("before", c.toString())).isEqualTo(c);
        assertThat(AlertCursor.parse("before", " ")).isNull();
        for (String bad : new String[] {"2026-11-01T00:00:00Z", "yesterday,id", ",id", "2026-11-01T00:00:00Z,"}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> AlertCursor.parse("before", bad))
                    .isInstanceOf(WebServerException.class).hasMessageContaining("before");
        }
    }

    @Test
    void countsFollowTheFilters() {
        try (StoreQueries s = StoreQueries.open(db.toString())) {
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
