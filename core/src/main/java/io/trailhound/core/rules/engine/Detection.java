package io.trailhound.core.rules.engine;

import io.trailhound.core.alert.AlertEvent;
import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.rules.ir.CompiledRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the rules found in one event, worked out in a reading thread while the whole event is in
 * memory: rules that fire on it ({@link #hits}) and stateful rules for which it is a candidate
 * ({@link #candidates}). Joined with the event's attribution later, on the consumer thread.
 */
public final class Detection {
    /** A stateless rule matched: the alert only waits for the attribution. */
    public record Hit(CompiledRule rule, String output, Map<String, String> fields) {
    }

    /**
     * A stateful rule's condition matched: the operator decides later, in event-time order.
     *
     * @param keys   the group or term keys of the event (several when a field has several values)
     * @param value  the value whose distinct count a threshold takes, or null
     * @param steps  for a sequence, a bit per step the event matches
     * @param output the rendered message, or null when it is rendered only if the candidate alerts
     *               (new-terms rules: most candidates are repeats, and rendering is the dear part)
     * @param event  the event itself when {@code output} is null, to render from if it alerts
     * @param row    for a {@link io.trailhound.core.rules.ir.Stateful.Query}, the event's rows as the
     *               query gave them; else null
     * @param held   for a windowed query, the bytes it is held as, made in the reading thread; else null
     */
    public record Candidate(CompiledRule rule, int ordinal, List<String> keys, String value, long steps,
                            String output, Map<String, String> fields, CloudTrailEvent event, Object row,
                            CandidateBytes.Prepared held) {
        /** A candidate with nothing made for holding it. */
        public Candidate(CompiledRule rule, int ordinal, List<String> keys, String value, long steps,
                         String output, Map<String, String> fields, CloudTrailEvent event, Object row) {
            this(rule, ordinal, keys, value, steps, output, fields, event, row, null);
        }

        /** A candidate of a new-terms, threshold or sequence rule (no query rows). */
        public Candidate(CompiledRule rule, int ordinal, List<String> keys, String value, long steps,
                         String output, Map<String, String> fields, CloudTrailEvent event) {
            this(rule, ordinal, keys, value, steps, output, fields, event, null);
        }
    }

    /** A rule that matched and alerts on this event alone; for a query rule, with the event's rows. */
    record Matched(CompiledRule rule, io.trailhound.core.rules.ir.Stateful.Query query, Object rows) {
    }

    private final AlertEvent event;
    private final List<Hit> hits = new ArrayList<>(2);
    private final List<Candidate> candidates = new ArrayList<>(0);
    /** The event's bytes for held query candidates ({@link CandidateBytes#event}), made with the first. */
    private byte[] heldEvent;
    /** Rules that matched and alert on this event alone, in load order, until the detector renders their hits. */
    private final List<Matched> matched = new ArrayList<>(2);

    Detection(AlertEvent event) {
        this.event = event;
    }

    public AlertEvent event() {
        return event;
    }

    public List<Hit> hits() {
        return hits;
    }

    public List<Candidate> candidates() {
        return candidates;
    }

    void add(Hit h) {
        hits.add(h);
    }

    byte[] heldEvent() {
        if (heldEvent == null) {
            heldEvent = CandidateBytes.event(event);
        }
        return heldEvent;
    }

    void add(Candidate c) {
        candidates.add(c);
    }

    void matched(Matched m) {
        matched.add(m);
    }

    List<Matched> matched() {
        return matched;
    }
}
