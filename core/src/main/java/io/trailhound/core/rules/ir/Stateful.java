package io.trailhound.core.rules.ir;

import java.time.Duration;
import java.util.List;

/**
 * The part of a rule that looks across events. A rule's {@link Predicate} picks candidate events;
 * the operator decides, in event-time order, which candidates alert. Windows are in event time so
 * a scan of last month's logs gives the alerts a live run would have given.
 */
public sealed interface Stateful {
    /**
     * Alert when the combination of the fields' values has not been seen within {@code history}
     * before the event (Elastic {@code new_terms}). Events without every field do not alert.
     */
    record NewTerms(List<Accessor> fields, Duration history) implements Stateful {
        public NewTerms {
            fields = List.copyOf(fields);
        }
    }

    /**
     * Count candidates per group (the {@code groupBy} fields' values, all events when empty) within
     * {@code window} before each candidate; alert when {@code count} holds for the number of events
     * and, with a {@code cardinalityField}, {@code cardinality} holds for the number of its distinct
     * values (Elastic {@code threshold}, Sigma {@code event_count} / {@code value_count}). After an
     * alert the group starts counting afresh, so one burst gives one alert.
     *
     * @param count       condition on the event count, or null
     * @param cardinality condition on distinct values of {@code cardinalityField}, or null
     */
    record Threshold(List<Accessor> groupBy, Duration window, Count count, Accessor cardinalityField,
                     Count cardinality) implements Stateful {
        public Threshold {
            groupBy = List.copyOf(groupBy);
        }
    }

    /** A condition on a count: {@code >= 5}. */
    record Count(Matchers.NumericOp op, long value) {
        public boolean holds(long n) {
            return op.holds(Long.compare(n, value));
        }

        @Override
        public String toString() {
            return op.symbol() + " " + value;
        }
    }

    /**
     * Steps that must occur in order, for the same values of {@code by}, within {@code maxspan}
     * (EQL {@code sequence}); {@code ordered=false} lets them come in any order (Sigma
     * {@code temporal}). Alerts on the event completing the set.
     */
    record Sequence(List<Accessor> by, Duration maxspan, List<Predicate> steps, boolean ordered)
            implements Stateful {
        public Sequence {
            by = List.copyOf(by);
            steps = List.copyOf(steps);
        }
    }

    /**
     * A query with a per-event part and, when {@link RowQuery#windowed()}, a part run over the
     * window {@code lookBack} before each execution, every {@code interval} of event time, as
     * Elastic schedules a rule (ES|QL): each result row of an execution alerts. A query that is
     * not windowed alerts on each event that yields a row.
     */
    record Query(RowQuery query, Duration lookBack, Duration interval) implements Stateful {
    }
}
