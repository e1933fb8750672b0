package io.trailhound.core.rules.esql;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.core.rules.esql.WindowOps.Agg;
import io.trailhound.core.rules.esql.WindowPart.Row;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A {@link Stats.Merger} sliding over a long run of slices, as a 24-hour look-back run every hour
 * does: each window's rows are those of aggregating its rows, a key held by one slice is never
 * merged again, and the merger holds entries only for the keys of its last window.
 */
class StatsMergerTest {
    private static final int WINDOW = 24;

    /** Keeps the values in order; counts the merges it takes part in. */
    private static final class Values implements Aggregates.Acc {
        static int merges;
        final List<Object> seen = new ArrayList<>();

        @Override
        public void add(Object v) {
            seen.add(v);
        }

        @Override
        public Object result() {
            return List.copyOf(seen);
        }

        @Override
        public boolean merge(Aggregates.Acc later) {
            merges++;
            seen.addAll(((Values) later).seen);
            return true;
        }
    }

    /** STATS v = values(slot 1) BY slot 0. */
    private static Stats stats() {
        Agg values = new Agg(Values::new, f -> f.slots[1], null);
        return new Stats(List.of(values), new Ev[] {f -> f.slots[0]}, new int[] {2});
    }

    /** Slice {@code k}: a key of its own ("own-k", two events), and every fifth slice the key "shared". */
    private static List<Object[]> rowsOfSlice(int k) {
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[] {"own-" + k, "a" + k});
        if (k % 5 == 0) {
            rows.add(new Object[] {"shared", "s" + k});
        }
        rows.add(new Object[] {"own-" + k, "b" + k});
        return rows;
    }

    @Test
    void slidingWindowsGiveTheirRowsAggregatesMergingOnlyKeysOfSeveralSlicesAndForgettingOldKeys() {
        Stats stats = stats();
        Stats.Merger merger = stats.merger();
        List<Stats.Slice> held = new ArrayList<>();
        List<Object[]> rows = new ArrayList<>();
        List<Integer> firstId = new ArrayList<>();
        Values.merges = 0;
        int sharedMerges = 0;
        List<Integer> sharedBefore = List.of();
        for (int k = 0; k < 100; k++) {
            Stats.Slice slice = stats.slice();
            firstId.add(rows.size());
            for (Object[] row : rowsOfSlice(k)) {
                slice.add(row, rows.size());
                rows.add(row);
            }
            held.add(slice);
            int from = Math.max(0, held.size() - WINDOW);
            List<Row> merged = merger.merge(held.subList(from, held.size()));

            List<Row> whole = new ArrayList<>();
            for (int i = firstId.get(from); i < rows.size(); i++) {
                whole.add(new Row(rows.get(i), new int[] {i}));
            }
            List<Row> expected = stats.apply(whole, new Frame(null, null, 0));
            assertThat(text(merged)).as("window ending at slice " + k).isEqualTo(text(expected));

            Set<Object> keys = new HashSet<>();
            for (int i = firstId.get(from); i < rows.size(); i++) {
                keys.add(rows.get(i)[0]);
            }
            assertThat(merger.entries()).as("entries: the window's keys").isEqualTo(keys.size());

            List<Integer> shared = new ArrayList<>(); // the slices of this window holding "shared"
            for (int s = from; s <= k; s++) {
                if (s % 5 == 0) {
                    shared.add(s);
                }
            }
            if (!shared.equals(sharedBefore) && shared.size() > 1) {
                sharedMerges += shared.size(); // its parts changed: merged again, one merge per part
            }
            sharedBefore = shared;
        }
        // Only "shared" is ever merged, and only when a slice of it comes or goes; "own-k" keys never are.
        assertThat(Values.merges).isPositive().isEqualTo(sharedMerges);
    }

    @Test
    void aSliceThatGrowsAfterItsMergeIsMergedAgainWithItsNewKeys() {
        Stats stats = stats();
        Stats.Merger merger = stats.merger();
        Stats.Slice first = stats.slice();
        Stats.Slice newest = stats.slice();
        first.add(new Object[] {"x", 1}, 0);
        newest.add(new Object[] {"y", 2}, 1);
        assertThat(text(merger.merge(List.of(first, newest)))).containsExactly("[[1], x] [0]", "[[2], y] [1]");
        newest.add(new Object[] {"x", 3}, 2);
        newest.add(new Object[] {"z", 4}, 3);
        assertThat(text(merger.merge(List.of(first, newest))))
                .containsExactly("[[1, 3], x] [0, 2]", "[[2], y] [1]", "[[4], z] [3]");
        assertThat(text(merger.merge(List.of(newest)))).as("the first slice left the window")
                .containsExactly("[[2], y] [1]", "[[3], x] [2]", "[[4], z] [3]");
        assertThat(merger.entries()).isEqualTo(3);
        Stats.Merger other = stats.merger();
        assertThat(text(other.merge(List.of(first, newest)))).as("another merger takes the slices over")
                .containsExactly("[[1, 3], x] [0, 2]", "[[2], y] [1]", "[[4], z] [3]");
    }

    private static List<String> text(List<Row> rows) {
        List<String> out = new ArrayList<>();
        for (Row r : rows) {
            out.add(Arrays.deepToString(r.values()) + " " + Arrays.toString(r.sources()));
        }
        return out;
    }
}
