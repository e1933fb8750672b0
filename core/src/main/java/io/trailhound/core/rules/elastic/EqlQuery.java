package io.trailhound.core.rules.elastic;

import java.time.Duration;
import java.util.List;

/**
 * A parsed EQL query: one event query, or a sequence of them.
 *
 * @param steps   one step for an event query, two or more for a sequence
 * @param by      the sequence's join fields (a step's own {@code by} fields are appended per step)
 * @param maxspan the sequence's {@code with maxspan=…}, or null
 */
record EqlQuery(List<Step> steps, List<String> by, Duration maxspan, boolean sequence) {
    public EqlQuery {
        steps = List.copyOf(steps);
        by = List.copyOf(by);
    }

    /** {@code category where condition}; {@code category} is {@code any} or an event category. */
    public record Step(String category, EqlNode condition, List<String> by) {
        public Step {
            by = List.copyOf(by);
        }
    }
}
