package io.trailhound.cli;

import io.trailhound.core.alert.Alert;
import io.trailhound.core.alert.AlertSink;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The alerts a table shows: the earliest {@link #SHOWN} by event time (ties in the order raised),
 * kept in a bounded heap so that a run with millions of alerts holds a thousand; the rest are
 * counted for a "not shown" line. Machine formats list every alert.
 */
final class EarliestAlerts implements AlertSink {
    static final int SHOWN = 1_000;

    private record Held(Alert alert, long seq) {
    }

    /** Event time, then the order raised. */
    private static final Comparator<Held> ORDER = Comparator.<Held>comparingLong(h -> h.alert().event().timeMillis())
            .thenComparingLong(Held::seq);

    private final int limit;
    /** The latest of those kept on top, to be let go first. */
    private final PriorityQueue<Held> kept;
    private long raised;

    EarliestAlerts() {
        this(SHOWN);
    }

    EarliestAlerts(int limit) {
        this.limit = limit;
        this.kept = new PriorityQueue<>(ORDER.reversed());
    }

    @Override
    public void alert(Alert a) {
        Held h = new Held(a, raised++);
        if (kept.size() < limit) {
            kept.add(h);
        } else if (ORDER.compare(h, kept.peek()) < 0) {
            kept.poll();
            kept.add(h);
        }
    }

    /** The alerts kept, earliest first. */
    List<Alert> sorted() {
        List<Held> held = new ArrayList<>(kept);
        held.sort(ORDER);
        return held.stream().map(Held::alert).toList();
    }

    /** Alerts raised but not kept. */
    long notShown() {
        return raised - kept.size();
    }

    boolean isEmpty() {
        return raised == 0;
    }
}
