package io.trailhound.core.rules.engine;

import io.trailhound.core.alert.Alert;
import io.trailhound.core.alert.AlertSink;
import io.trailhound.core.alert.AlertSummary;
import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.identity.Attribution;
import io.trailhound.core.identity.Attributor;
import io.trailhound.core.identity.CredentialAnswer;
import io.trailhound.core.identity.CredentialChange;
import java.time.Duration;
import java.util.Comparator;
import java.util.PriorityQueue;
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
 * Detection in the scan pipeline: rules run in the reading threads ({@link #prepare}); in the
 * consumer thread, after the attribution stage has given the event its credential's answer, the
 * findings go out at once when that answer is settled. When it is pending (the issuance may still
 * be read), they wait, keyed by credential, until the credential's answer settles (the attributor's
 * {@link io.trailhound.core.identity.CredentialListener}), or the input ends ({@link #finish}), or,
 * with an {@linkplain #withAttributionWait attribution wait}, until the stream's event time has
 * moved that far past the event: then the alert goes out with the answer it has, and a later
 * change of its credential's answer goes to {@link AlertSink#update} (never as a second alert).
 * State is per waiting alert and per credential, never per event. Stateful rules get their
 * candidates with attributions and decide at {@link #finish}. The pipeline builder
 * ({@link io.trailhound.core.scan.Scan#builder}) does the wiring with attribution.
 */
public final class DetectionStage implements Stage<Detection> {
    /** The wait a streaming host gives alerts whose credential is pending: 20 minutes of event time past the event. */
    public static final Duration STREAMING_ATTRIBUTION_WAIT = Duration.ofMinutes(20);

    private final Detector detector;
    private final StatefulRules stateful;
    private final AlertSink sink;
    private final AlertSummary summary = new AlertSummary();
    private final SignalBudget budget = new SignalBudget();

    /** Findings waiting for their credential's answer, and the answer as it stood. */
    private static final class Held {
        final String credential;
        final Detection detection;
        final List<Consumer<Attribution>> slots;
        CredentialAnswer answer;
        boolean released;

        Held(String credential, Detection detection, List<Consumer<Attribution>> slots, CredentialAnswer answer) {
            this.credential = credential;
            this.detection = detection;
            this.slots = slots;
            this.answer = answer;
        }
    }

    private final Map<String, List<Held>> waiting = new HashMap<>();
    private final PriorityQueue<Held> byTime = new PriorityQueue<>(Comparator.comparingLong(h -> h.detection.event().timeMillis()));
    /** Alerts sent with a pending answer (after the wait), by credential: a later answer is an update of them. */
    private UnsettledAlerts sentPending = new UnsettledAlerts();
    /** True when {@link #sentPending} outlives this run (a streaming host's): alerts the end of input lets go join it. */
    private boolean keepAtFinish;
    private long waitingAlerts;
    private Attributor attributor;
    private long waitMillis = -1;
    private long watermark = Long.MIN_VALUE;
    private long suppressed;
    private long updates;

    public DetectionStage(Detector detector, StatefulRules stateful, AlertSink sink) {
        this.detector = detector;
        this.stateful = stateful.withTwins(detector.rules());
        this.sink = sink;
    }

    /**
     * A stage for one run without a store: new-terms history lives in memory, and events before
     * {@code learnUntil} (null: none) only teach it.
     */
    public static DetectionStage inMemory(Detector detector, java.time.Instant learnUntil, AlertSink sink) {
        return new DetectionStage(detector, new StatefulRules(TermHistory.inMemory(), learnUntil), sink);
    }

    /**
     * Lets an alert whose credential is pending wait at most {@code wait} of event time (the latest
     * event time seen, minus the alert's event's): then it goes out with the answer it has, and
     * improvements follow as {@link AlertSink#update}s. Null (the default, for file scans): wait until
     * the input ends, so every alert goes out once with the answer final for that input.
     */
    public DetectionStage withAttributionWait(Duration wait) {
        if (wait != null && wait.isNegative()) {
            throw new IllegalArgumentException("the attribution wait cannot be negative: " + wait);
        }
        this.waitMillis = wait == null ? -1 : wait.toMillis();
        return this;
    }

    /**
     * For a host that runs one stage per batch of a stream (watch): alerts sent with a pending answer,
     * after the wait or at the end of this run's input, join {@code across}, which the host hands to
     * the next run's stage too, so a later run's issuance updates them.
     */
    public DetectionStage keepingUnsettled(UnsettledAlerts across) {
        this.sentPending = java.util.Objects.requireNonNull(across, "across");
        this.keepAtFinish = true;
        return this;
    }

    /** Reading threads: what the rules find in the event, or null. */
    @Override
    public Detection prepare(CloudTrailEvent e) {
        return detector.detect(e);
    }

    /**
     * Consumer thread, after the attribution stage gave the event its answer: findings go out now
     * when that answer is settled (or the run does not attribute), else wait by credential.
     */
    @Override
    public void accept(CloudTrailEvent e, Detection d) {
        if (attributor == null) {
            if (d != null) {
                deliver(d, null);
            }
            return;
        }
        if (waitMillis >= 0 && e.eventTimeMillis() > watermark) {
            watermark = e.eventTimeMillis();
            releaseDue();
        }
        if (d == null) {
            return;
        }
        CredentialAnswer answer = attributor.lastAnswer();
        if (!answer.pending()) {
            deliver(d, attributor.lastAttribution());
            return;
        }
        // Candidates go to the stateful rules now (so repeats are let go at once) and get the
        // attribution when it is final; hits wait for it here.
        List<Consumer<Attribution>> slots = new ArrayList<>(d.candidates().size());
        for (Detection.Candidate c : d.candidates()) {
            slots.add(stateful.add(c, d.event(), null));
        }
        Held h = new Held(attributor.lastCredential(), d, slots, answer);
        waiting.computeIfAbsent(h.credential, k -> new ArrayList<>(1)).add(h);
        waitingAlerts++;
        if (waitMillis >= 0) {
            byTime.add(h);
            releaseDue();
        }
    }

    /**
     * The pipeline's hook, called by {@link io.trailhound.core.scan.Scan.Builder} when attribution
     * runs too (before this stage), never by a host: findings read each event's answer from
     * {@code a} and wait for pending credentials, hearing of their changes. Public only because the
     * builder lives in another package.
     */
    public void awaitAttribution(Attributor a) {
        this.attributor = a;
        a.onChange(this::changed);
    }

    private void changed(CredentialChange c) {
        List<Held> held = waiting.get(c.credential());
        if (held != null) {
            for (Held h : held) {
                h.answer = c.now();
            }
            if (!c.now().pending()) {
                waiting.remove(c.credential());
                held.forEach(this::release);
            }
        }
        updates += sentPending.changed(c, sink);
    }

    /** Alerts whose wait is over go out with the answer they have; a later answer comes as an update. */
    private void releaseDue() {
        while (!byTime.isEmpty() && byTime.peek().detection.event().timeMillis() + waitMillis <= watermark) {
            Held h = byTime.poll();
            if (h.released) {
                continue;
            }
            List<Held> l = waiting.get(h.credential);
            if (l != null) {
                l.remove(h);
                if (l.isEmpty()) {
                    waiting.remove(h.credential);
                }
            }
            List<Alert> sent = release(h);
            if (h.answer.pending()) {
                sentPending.add(h.credential, sent);
            }
        }
    }

    private List<Alert> release(Held h) {
        h.released = true;
        waitingAlerts--;
        Attribution a = h.answer.forEvent(h.detection.event().timeMillis());
        h.slots.forEach(slot -> slot.accept(a));
        return hits(h.detection, a);
    }

    private void deliver(Detection d, Attribution a) {
        hits(d, a);
        for (Detection.Candidate c : d.candidates()) {
            stateful.add(c, d.event(), a);
        }
    }

    private List<Alert> hits(Detection d, Attribution a) {
        List<Alert> sent = new ArrayList<>(d.hits().size());
        for (Detection.Hit h : d.hits()) {
            Alert alert = new Alert(h.rule().info(), h.output(), h.fields(), d.event(), a, Map.of());
            if (emit(alert)) {
                sent.add(alert);
            }
        }
        return sent;
    }

    private boolean emit(Alert alert) {
        if (!budget.allow(alert)) {
            suppressed++;
            return false;
        }
        summary.alert(alert);
        sink.alert(alert);
        return true;
    }

    /** After the attribution stage's finish: what still waits goes out with the answer final for this input; stateful rules decide. */
    @Override
    public void finish() {
        if (!waiting.isEmpty()) {
            waiting.values().forEach(l -> l.forEach(h -> {
                List<Alert> sent = release(h);
                if (keepAtFinish && h.answer.pending()) {
                    sentPending.add(h.credential, sent);
                }
            }));
            waiting.clear();
        }
        byTime.clear();
        stateful.finish(this::emit);
    }

    /**
     * The alerts the findings still waiting for their credential would raise now, with the answer
     * they have, without sending or releasing them (they still go out once, at their time). A host
     * that commits as it reads keeps these with the events it commits, so a crash after that commit
     * does not lose them; the stored alert follows its credential's answer. Consumer thread only.
     */
    public void forEachWaiting(Consumer<Alert> out) {
        for (List<Held> l : waiting.values()) {
            for (Held h : l) {
                if (h.released) {
                    continue;
                }
                Attribution a = h.answer.forEvent(h.detection.event().timeMillis());
                for (Detection.Hit hit : h.detection.hits()) {
                    out.accept(new Alert(hit.rule().info(), hit.output(), hit.fields(), h.detection.event(), a, Map.of()));
                }
            }
        }
    }

    /** Findings waiting for their credential's answer, alerts sent with a pending one, and stateful rules' candidates. */
    @Override
    public List<HeldState> held() {
        return List.of(new HeldState("findings waiting for attribution", "credential", waitingAlerts),
                new HeldState("alerts sent before their attribution settled", "credential", sentPending.size()),
                new HeldState("stateful rule candidates", "rule and group or term", stateful.pending()));
    }

    public AlertSummary summary() {
        return summary;
    }

    /** Alerts over a rule's {@code max_signals} for one interval, dropped as Elastic drops them. */
    public long suppressed() {
        return suppressed;
    }

    /** Attribution updates sent for alerts that went out before their credential's answer settled. */
    public long updates() {
        return updates;
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
}
