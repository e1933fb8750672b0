package io.trailhound.core.rules.engine;

import io.trailhound.core.alert.Alert;
import io.trailhound.core.alert.AlertSink;
import io.trailhound.core.alert.AlertSummary;
import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.identity.Attribution;
import io.trailhound.core.identity.Attributor;
import io.trailhound.core.rules.engine.Detection;
import io.trailhound.core.rules.engine.Detector;
import io.trailhound.core.rules.engine.SignalBudget;
import io.trailhound.core.rules.engine.StatefulRules;
import io.trailhound.core.rules.engine.TermHistory;
import io.trailhound.core.stage.HeldState;
import io.trailhound.core.stage.Stage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Detection in the scan pipeline: rules run in the reading threads ({@link #prepare}); when the
 * pipeline attributes, their findings wait, keyed by eventID, until the event's attribution is
 * final (at once for most events, at the end of the run for those whose issuance came later), so
 * every alert names the origin. Stateful rules get their candidates with attributions and decide
 * at {@link #finish}. The pipeline builder ({@link io.trailhound.core.scan.Scan#builder}) does the wiring
 * with attribution; a host only hands it the stage.
 */
public final class DetectionStage implements Stage<Detection> {
    private final Detector detector;
    private final StatefulRules stateful;
    private final AlertSink sink;
    private final AlertSummary summary = new AlertSummary();
    private final SignalBudget budget = new SignalBudget();
    /** Findings waiting for their event's final attribution: the hits, and where to put it for the candidates. */
    private record Waiting(Detection detection, List<Consumer<Attribution>> slots) {
    }

    private final Map<String, Waiting> waiting = new HashMap<>();
    /** Set by the pipeline when an attribution stage runs after this one and calls {@link #awaitAttribution}'s listener. */
    private boolean awaitsAttribution;
    private long suppressed;

    public DetectionStage(Detector detector, StatefulRules stateful, AlertSink sink) {
        this.detector = detector;
        this.stateful = stateful;
        this.sink = sink;
    }

    /**
     * A stage for one run without a store: new-terms history lives in memory, and events before
     * {@code learnUntil} (null: none) only teach it.
     */
    public static DetectionStage inMemory(Detector detector, java.time.Instant learnUntil, AlertSink sink) {
        return new DetectionStage(detector, new StatefulRules(TermHistory.inMemory(), learnUntil), sink);
    }

    /** Reading threads: what the rules find in the event, or null. */
    @Override
    public Detection prepare(CloudTrailEvent e) {
        return detector.detect(e);
    }

    /**
     * Consumer thread, before the attribution stage sees the event: with attribution on, findings
     * wait for the event's final attribution; without, they go out now.
     */
    @Override
    public void accept(CloudTrailEvent e, Detection d) {
        if (d == null) {
            return;
        }
        if (!awaitsAttribution) {
            deliver(d, null);
            return;
        }
        // Candidates go to the stateful rules now (so repeats are let go at once) and get the
        // attribution when it is final; hits wait for it here.
        List<Consumer<Attribution>> slots = new ArrayList<>(d.candidates().size());
        for (Detection.Candidate c : d.candidates()) {
            slots.add(stateful.add(c, d.event(), null));
        }
        waiting.put(key(e), new Waiting(d, slots));
    }

    /**
     * The pipeline's hook, called by {@link io.trailhound.core.scan.Scan.Builder} when attribution
     * runs too, never by a host: makes findings wait for attribution. The listener returned
     * (wrapping {@code next}) is the attribution stage's, and sends out what waited for each event
     * with its attribution. Public only because the builder lives in another package.
     */
    public Attributor.Listener awaitAttribution(Attributor.Listener next) {
        awaitsAttribution = true;
        return (e, a) -> {
            next.attributed(e, a);
            if (!waiting.isEmpty()) {
                Waiting w = waiting.remove(key(e));
                if (w != null) {
                    w.slots().forEach(slot -> slot.accept(a));
                    hits(w.detection(), a);
                }
            }
        };
    }

    private void deliver(Detection d, Attribution a) {
        hits(d, a);
        for (Detection.Candidate c : d.candidates()) {
            stateful.add(c, d.event(), a);
        }
    }

    private void hits(Detection d, Attribution a) {
        for (Detection.Hit h : d.hits()) {
            emit(new Alert(h.rule().info(), h.output(), h.fields(), d.event(), a, Map.of()));
        }
    }

    private void emit(Alert alert) {
        if (!budget.allow(alert)) {
            suppressed++;
            return;
        }
        summary.alert(alert);
        sink.alert(alert);
    }

    /** After the attribution stage's finish: decides the stateful rules. */
    @Override
    public void finish() {
        if (!waiting.isEmpty()) {
            // Every event was delivered by the attributor's finish; anything left is a bug, not a reason to lose alerts.
            waiting.values().forEach(w -> hits(w.detection(), null));
            waiting.clear();
        }
        stateful.finish(this::emit);
    }

    /** Findings waiting for their event's attribution, and stateful rules' candidates (new terms, thresholds, sequences). */
    @Override
    public List<HeldState> held() {
        return List.of(new HeldState("findings waiting for attribution", "eventID", waiting.size()),
                new HeldState("stateful rule candidates", "rule and group or term", stateful.pending()));
    }

    public AlertSummary summary() {
        return summary;
    }

    /** Alerts over a rule's {@code max_signals} for one interval, dropped as Elastic drops them. */
    public long suppressed() {
        return suppressed;
    }

    public Detector detector() {
        return detector;
    }

    /**
     * Rule evaluations in the reading threads and windowed query executions that threw, by rule
     * and error, with counts: reported, never fatal.
     */
    public Map<String, Long> ruleErrors() {
        Map<String, Long> out = new java.util.TreeMap<>(detector.failures());
        stateful.failures().forEach((k, v) -> out.merge(k, v, Long::sum));
        return out;
    }

    /** The event's eventID, or where it was read when it has none; the two kinds never collide. */
    private static String key(CloudTrailEvent e) {
        String id = e.eventID();
        return id != null ? "id:" + id : "at:" + e.position();
    }
}
