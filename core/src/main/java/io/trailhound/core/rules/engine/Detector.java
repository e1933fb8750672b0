package io.trailhound.core.rules.engine;

import io.trailhound.core.alert.AlertEvent;
import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.rules.ir.Accessor;
import io.trailhound.core.rules.ir.CompiledRule;
import io.trailhound.core.rules.ir.EventMemo;
import io.trailhound.core.rules.ir.Predicate;
import io.trailhound.core.rules.ir.Stateful;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Runs a {@link RuleSet} over single events. Thread-safe and stateless: the reading threads call
 * {@link #detect} in parallel; what crosses events (new terms, thresholds, sequences) is decided
 * later by {@link StatefulRules} from the candidates found here.
 */
public final class Detector {
    /** Cap on the group keys one event yields when several fields have several values each. */
    static final int MAX_KEYS = 64;
    /** Distinct (rule, error) counters kept at most. */
    static final int MAX_FAILURE_KINDS = 1000;

    private final RuleSet rules;
    private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
    /** Each reading thread's answers to the tests rules share, for the event it is on. */
    private final ThreadLocal<EventMemo> memos;

    /** Rules flagged {@link CompiledRule#firstMatch()} hide behind the first of them that matches. */
    public Detector(RuleSet rules) {
        this.rules = rules;
        this.memos = ThreadLocal.withInitial(rules::newMemo);
    }

    public RuleSet rules() {
        return rules;
    }

    /** What the rules find in {@code e}, or null when nothing matched (the common case). */
    public Detection detect(CloudTrailEvent e) {
        Detection d = null;
        boolean firstMatched = false;
        EventMemo memo = memos.get();
        memo.next();
        for (RuleSet.Entry entry : rules.candidates(e)) {
            CompiledRule r = entry.rule();
            if (firstMatched && r.firstMatch()) {
                continue;
            }
            try {
                if (!entry.test().test(e, memo)) {
                    continue;
                }
                if (r.stateful() instanceof Stateful.Query q) {
                    // The condition is only the query's prefilter: the query's per-event part decides.
                    int slot = rules.rowsSlot(entry);
                    Object rows = slot < 0 ? q.query().rows(e) : memo.rows(slot, q.query(), e);
                    if (rows == null) {
                        continue;
                    }
                    if (d == null) {
                        d = new Detection(AlertEvent.of(e));
                    }
                    if (q.query().windowed()) {
                        // Its bytes are made here, while the event and rows are in this thread's cache (CandidateBytes).
                        CandidateBytes.Prepared held = q.query().writesRowsExactly()
                                ? CandidateBytes.prepare(d.heldEvent(), q.query(), rows) : null;
                        d.add(new Detection.Candidate(r, entry.ordinal(), List.of(""), null, 0, null, null, null, rows, held));
                    } else {
                        d.matched(new Detection.Matched(r, q, rows)); // each event's row is a result: a hit
                    }
                    firstMatched |= r.firstMatch();
                    continue;
                }
                if (d == null) {
                    d = new Detection(AlertEvent.of(e));
                }
                if (r.stateful() == null) {
                    // Rendered once every rule has run: a member another rule parsed is then reused.
                    d.matched(new Detection.Matched(r, null, null));
                    firstMatched |= r.firstMatch();
                } else {
                    firstMatched |= r.firstMatch();
                    Detection.Candidate c = candidate(entry, e, memo);
                    if (c != null) {
                        d.add(c);
                    }
                }
            } catch (RuntimeException ex) {
                failed(r, ex);
            }
        }
        if (d != null) {
            renderHits(d, e, memo);
        }
        return d;
    }

    /**
     * The hits of the rules {@code d} matched, in load order, each output rendered from its fields
     * (read once, and once for all rules where several read it: {@code memo}); a query rule's hit also
     * shows its row's columns. A rule whose output throws has none.
     */
    private void renderHits(Detection d, CloudTrailEvent e, EventMemo memo) {
        List<Detection.Matched> matched = d.matched();
        for (int i = 0; i < matched.size(); i++) {
            Detection.Matched m = matched.get(i);
            CompiledRule r = m.rule();
            try {
                Map<String, String> own = r.output().fields(e, memo);
                Map<String, String> fields = own;
                if (m.query() != null) {
                    fields = new java.util.LinkedHashMap<>(own);
                    fields.putAll(m.query().query().columns(m.rows()));
                }
                d.add(new Detection.Hit(r, r.output().render(e, own, memo), fields));
            } catch (RuntimeException ex) {
                failed(r, ex);
            }
        }
    }

    private void failed(CompiledRule r, RuntimeException ex) {
        // A rule must not stop a run over one odd record; the count goes to the run summary. The key
        // is the rule and the kind of error, not its message, which may carry log text.
        String key = failures.size() < MAX_FAILURE_KINDS ? r.info().name() + ": " + ex.getClass().getName()
                : "(other rules and errors)";
        failures.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    private static Detection.Candidate candidate(RuleSet.Entry entry, CloudTrailEvent e, EventMemo memo) {
        CompiledRule r = entry.rule();
        Stateful s = r.stateful();
        if (s instanceof Stateful.NewTerms nt) {
            List<String> keys = keys(nt.fields(), e);
            // Rendered later, and only if it alerts: most new-terms candidates are repeats.
            return keys.isEmpty() ? null : new Detection.Candidate(r, entry.ordinal(), keys, null, 0, null, null, e);
        }
        List<String> keys;
        String value = null;
        long steps = 0;
        if (s instanceof Stateful.Threshold t) {
            keys = keys(t.groupBy(), e);
            if (t.cardinalityField() != null) {
                // An event without the field still counts; it only adds no distinct value.
                List<String> vs = Accessor.valuesOf(t.cardinalityField().extract(e));
                value = vs.isEmpty() ? null : vs.get(0);
            }
        } else {
            Stateful.Sequence seq = (Stateful.Sequence) s;
            keys = keys(seq.by(), e);
            List<Predicate> ps = seq.steps();
            for (int i = 0; i < ps.size() && i < 64; i++) {
                if (ps.get(i).test(e)) {
                    steps |= 1L << i;
                }
            }
            if (steps == 0) {
                return null;
            }
        }
        if (keys.isEmpty()) {
            return null;
        }
        Map<String, String> fields = r.output().fields(e, memo);
        return new Detection.Candidate(r, entry.ordinal(), keys, value, steps, r.output().render(e, fields, memo), fields,
                null);
    }

    /**
     * The event's keys over {@code fields}: every combination of their values, joined by a unit
     * separator; one empty key when there are no fields; none when a field is absent.
     */
    static List<String> keys(List<Accessor> fields, CloudTrailEvent e) {
        List<String> keys = new ArrayList<>(1);
        keys.add("");
        for (int i = 0; i < fields.size(); i++) {
            List<String> values = Accessor.valuesOf(fields.get(i).extract(e));
            if (values.isEmpty()) {
                return List.of();
            }
            List<String> next = new ArrayList<>(keys.size() * values.size());
            for (String k : keys) {
                for (String v : values) {
                    if (next.size() < MAX_KEYS) {
                        next.add(i == 0 ? v : k + '\u001f' + v);
                    }
                }
            }
            keys = next;
        }
        return keys;
    }

    /** Rule evaluations that threw, by rule and error, with counts: reported, never fatal. */
    public Map<String, Long> failures() {
        Map<String, Long> out = new java.util.TreeMap<>();
        failures.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
