package io.trailhound.core.rules.engine;

import io.trailhound.core.alert.Alert;
import io.trailhound.core.alert.AlertEvent;
import io.trailhound.core.alert.AlertSink;
import io.trailhound.core.identity.Attribution;
import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.rules.ir.CompiledRule;
import io.trailhound.core.rules.ir.Stateful;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides the stateful rules at the end of a batch run. Candidates arrive in read order (files
 * are not in time order); once all are in, each rule's candidates are sorted by event time and
 * run through its operator, so the alerts are those a live run would have raised. Candidates are
 * few next to events: only events that pass the rule's condition become one. A rule that makes the
 * same candidates as an earlier one ({@link #withTwins}) holds them with it, once; the rules decide
 * on two threads ({@link FinishJobs}), their alerts reaching the sink in rule order.
 */
public final class StatefulRules {
    /** A candidate with its attribution; {@code source} is the event to render from, dropped once it cannot alert. */
    private static final class Pending {
        final Detection.Candidate candidate;
        final AlertEvent event;
        Attribution attribution; // set later when the event's attribution was not final yet
        final long seq;
        CloudTrailEvent source;
        /** The candidates of rules twinning this one's ({@link RuleSet#twinOf}) on the same event, held here instead. */
        List<Detection.Candidate> twins;

        Pending(Detection.Candidate candidate, AlertEvent event, Attribution attribution, long seq) {
            // The event moves to a field of its own that can be cleared; the candidate must not hold it too.
            this.candidate = withoutEvent(candidate);
            this.event = event;
            this.attribution = attribution;
            this.seq = seq;
            this.source = candidate.event();
        }

        long seq() {
            return seq;
        }

        /** The candidate of the rule {@code ordinal} that twins this one on the same event, or null. */
        Detection.Candidate twin(int ordinal) {
            if (twins != null) {
                for (Detection.Candidate t : twins) {
                    if (t.ordinal() == ordinal) {
                        return t;
                    }
                }
            }
            return null;
        }

        /** This event as the candidate {@code c} of a twin rule: the same time, order, attribution and event. */
        Pending as(Detection.Candidate c) {
            Pending p = new Pending(c, event, attribution, seq);
            p.source = source;
            return p;
        }
    }

    /** The candidate without its event, which is held once, by its {@link Pending}. */
    private static Detection.Candidate withoutEvent(Detection.Candidate c) {
        return c.event() == null ? c : new Detection.Candidate(c.rule(), c.ordinal(), c.keys(), c.value(), c.steps(),
                c.output(), c.fields(), null, null);
    }

    /** Whether two candidates of one event count the same for their operators: the same keys, value and steps. */
    private static boolean sameDecision(Detection.Candidate a, Detection.Candidate b) {
        return a.steps() == b.steps() && java.util.Objects.equals(a.value(), b.value()) && a.keys().equals(b.keys());
    }

    private final TermHistory history;
    private final long learnUntilMillis;
    private final Map<Integer, List<Pending>> byRule = new HashMap<>();
    /** Windowed query rules' candidates, by rule, held as bytes ({@link QueryCandidates}) in {@link #store}. */
    private final Map<Integer, QueryCandidates> queries = new HashMap<>();
    private CandidateStore store;
    private long candidateHeapBytes = CandidateSpill.HEAP_BYTES;
    /** New-terms candidates with one term, by rule and term, by time: to drop events that cannot alert. */
    private final Map<Integer, Map<String, java.util.TreeMap<Long, List<Pending>>>> sightings = new HashMap<>();
    private long seq;
    /** Per rule (by ordinal): the earlier rule making the same candidates, whose candidates hold this one's ({@link RuleSet#twinOf}). */
    private java.util.function.IntUnaryOperator twinOf = o -> -1;
    /** Per rule with twins: its latest candidate, the one its twins' candidates of the same event join. */
    private final Map<Integer, Pending> latest = new HashMap<>();
    /** Rules whose candidates joined a twin's, and how many did. */
    private final java.util.Set<Integer> twinned = new java.util.HashSet<>();
    /** Rules that some later rule twins. */
    private final java.util.Set<Integer> hasTwins = new java.util.HashSet<>();
    private int joined;
    /** Windowed query rules run their executions at times in (executedAfter, executeUntil]: all, unless a host narrows it. */
    private long executedAfter = Long.MIN_VALUE;
    private long executeUntil = Long.MAX_VALUE;
    private long queryFailures;
    /** Failed query executions by rule and error, as {@link Detector#failures()} keys them. */
    private final Map<String, Long> failures = new java.util.TreeMap<>();

    /**
     * @param history       where new-terms rules remember terms (the store's, to span runs)
     * @param learnUntil    events before this only teach new-terms rules, they do not alert; null: none
     */
    public StatefulRules(TermHistory history, Instant learnUntil) {
        this.history = history;
        this.learnUntilMillis = learnUntil == null ? Long.MIN_VALUE : learnUntil.toEpochMilli();
    }

    /**
     * Holds the candidates of a rule that {@code rules} pairs with an earlier one ({@link RuleSet#twinOf}:
     * the same rule loaded twice, say) with that rule's, once per event: the earlier rule's candidate is
     * pruned and sorted once for both, and each rule still decides over its own candidates at
     * {@link #finish} (its own term history, ids and output). A candidate that does not match its
     * twin's on the same event is held on its own, so each rule sees exactly the candidates it made.
     * Call before the first candidate.
     */
    public StatefulRules withTwins(RuleSet rules) {
        int n = rules.enabled().size();
        int[] twins = new int[n];
        for (int o = 0; o < n; o++) {
            twins[o] = rules.twinOf(o);
            if (twins[o] >= 0) {
                hasTwins.add(twins[o]);
            }
        }
        this.twinOf = o -> o >= 0 && o < twins.length ? twins[o] : -1;
        return this;
    }

    /**
     * One candidate with its event's attribution. Consumer thread only. Returns where to put the
     * final attribution when it is not known yet (the candidate is pruned at once either way, so
     * an event waiting for its issuance does not hold memory here).
     */
    public java.util.function.Consumer<Attribution> add(Detection.Candidate c, AlertEvent event, Attribution attribution) {
        if (c.rule().stateful() instanceof Stateful.Query) {
            if (store == null) {
                store = new CandidateStore(candidateHeapBytes);
            }
            return queries.computeIfAbsent(c.ordinal(), k -> new QueryCandidates(c.rule(), store)).add(event, c.row(), c.held(), attribution);
        }
        int twin = twinOf.applyAsInt(c.ordinal());
        if (twin >= 0) {
            Pending same = latest.get(twin);
            if (same != null && same.event == event && sameDecision(same.candidate, c)) {
                if (same.twins == null) {
                    same.twins = new ArrayList<>(1);
                }
                same.twins.add(withoutEvent(c));
                twinned.add(c.ordinal());
                joined++;
                return a -> same.attribution = a; // the same event: the same attribution
            }
        }
        Pending p = new Pending(c, event, attribution, seq++);
        byRule.computeIfAbsent(c.ordinal(), k -> new ArrayList<>()).add(p);
        if (twin < 0 && hasTwins.contains(c.ordinal())) {
            latest.put(c.ordinal(), p);
        }
        if (p.source != null && c.rule().stateful() instanceof Stateful.NewTerms nt && c.keys().size() == 1) {
            prune(p, nt.history().toMillis());
        }
        return a -> p.attribution = a;
    }

    /**
     * Holds on to a new-terms candidate's event only while it may still alert. A candidate at t
     * cannot alert once another with its term lies in [t - window, t): in time order that one is
     * seen first. So the newcomer may be dropped at once, and it drops those it makes repeats of,
     * in (t, t + window]. What stays is about one event per term and window: memory follows the
     * number of terms, not of events.
     */
    private void prune(Pending p, long window) {
        long t = p.event.timeMillis();
        if (t < learnUntilMillis) {
            p.source = null; // learning only: never alerts
        }
        java.util.TreeMap<Long, List<Pending>> times = sightings.computeIfAbsent(p.candidate.ordinal(), k -> new HashMap<>())
                .computeIfAbsent(p.candidate.keys().get(0), k -> new java.util.TreeMap<>());
        Long before = times.floorKey(t);
        if (before != null && before >= t - window) {
            p.source = null;
        }
        Long next = times.higherKey(t);
        if (next != null && next <= t + window) { // most candidates come after their term's others: no view to make
            for (List<Pending> later : times.subMap(t, false, t + window, true).values()) {
                for (Pending q : later) {
                    q.source = null;
                }
            }
        }
        times.computeIfAbsent(t, k -> new ArrayList<>(1)).add(p);
    }

    /**
     * Lets windowed query rules run, at the next {@link #finish}, only their executions at event
     * times in {@code (after, until]}: a streaming host (the Flink job) decides a stretch of event
     * time at a time, giving again the candidates of the look-back before it. The other operators
     * run over all candidates as ever (the host drops the alerts it already sent).
     */
    public StatefulRules executions(long after, long until) {
        this.executedAfter = after;
        this.executeUntil = until;
        return this;
    }

    /** Executions of query rules that threw and were skipped (a rule must not stop a run). */
    public long queryFailures() {
        return queryFailures;
    }

    /** Query executions that threw, by rule and error, with counts: for the run summary's rule errors. */
    public Map<String, Long> failures() {
        return java.util.Collections.unmodifiableMap(failures);
    }

    public int pending() {
        int n = 0;
        for (List<Pending> l : byRule.values()) {
            n += l.size();
        }
        for (QueryCandidates q : queries.values()) {
            n += q.size();
        }
        return n + joined;
    }

    /** Candidates held with a twin's ({@link #withTwins}), once per event for both; counted in {@link #pending}. */
    int heldWithTwins() {
        return joined;
    }

    /** Bytes of held query candidates past the heap's budget, in a temporary file (0 after {@link #finish}). */
    public long spilledBytes() {
        return store == null ? 0 : store.spilled();
    }

    /**
     * Keeps at most {@code bytes} of windowed query rules' candidates on the heap, the rest in a
     * temporary file (default {@link CandidateSpill#HEAP_BYTES}); call before the first candidate.
     */
    public StatefulRules candidateHeapBytes(long bytes) {
        this.candidateHeapBytes = bytes;
        return this;
    }

    /** Runs every rule's operator over its candidates in event-time order, alerting to {@code sink}. */
    public void finish(AlertSink sink) {
        java.util.TreeSet<Integer> ordinals = new java.util.TreeSet<>(byRule.keySet());
        ordinals.addAll(twinned);
        ordinals.addAll(queries.keySet());
        sightings.clear(); // only the pruning of candidates still arriving needed it
        latest.clear();
        // The jobs, by what they share: a query instance, or the first rule of a rule and its twins.
        Map<Object, List<Integer>> jobs = new LinkedHashMap<>();
        for (Integer o : ordinals) {
            QueryCandidates q = queries.get(o);
            Object job = q != null ? q.query().query() : twinned.contains(o) ? twinOf.applyAsInt(o) : o;
            jobs.computeIfAbsent(job, k -> new ArrayList<>(1)).add(o);
        }
        boolean termsOnAnyThread = history.concurrentRules() && distinctNewTermsIds();
        try (FinishJobs finish = new FinishJobs()) {
            for (Map.Entry<Object, List<Integer>> job : jobs.entrySet()) {
                List<Integer> rules = job.getValue();
                if (job.getKey() instanceof io.trailhound.core.rules.ir.RowQuery) {
                    Map<Integer, QueryCandidates> qs = new LinkedHashMap<>();
                    rules.forEach(o -> qs.put(o, queries.get(o)));
                    finish.add(rules, kept -> runQueries(qs, kept), true);
                } else {
                    Map<Integer, List<Pending>> lists = new HashMap<>();
                    rules.forEach(o -> lists.put(o, byRule.remove(o)));
                    boolean newTerms = lists.values().stream().anyMatch(l -> l != null && l.get(0).candidate.rule().stateful() instanceof Stateful.NewTerms);
                    finish.add(rules, kept -> decide(rules, lists, kept), !newTerms || termsOnAnyThread);
                }
            }
            finish.start();
            for (Integer o : ordinals) {
                QueryCandidates q = queries.get(o);
                String rule = q == null ? null : q.ruleName();
                finish.deliver(o, sink, e -> {
                    queryFailures++;
                    failures.merge(rule + ": " + e.getClass().getName(), 1L, Long::sum);
                });
            }
        } finally {
            byRule.clear();
            latest.clear();
            twinned.clear();
            joined = 0;
            sightings.clear();
            queries.clear();
            if (store != null) {
                store.close();
                store = null;
            }
        }
    }

    /**
     * Whether no two new-terms rules with candidates share a rule id: else they share terms in the
     * history, and must decide one after the other in rule order, on the finishing thread.
     */
    private boolean distinctNewTermsIds() {
        Map<String, Integer> ruleOfId = new HashMap<>();
        java.util.function.Predicate<Detection.Candidate> unique = c -> !(c.rule().stateful() instanceof Stateful.NewTerms)
                || ruleOfId.computeIfAbsent(c.rule().info().id(), k -> c.ordinal()) == c.ordinal();
        for (List<Pending> l : byRule.values()) {
            if (!unique.test(l.get(0).candidate)) {
                return false;
            }
        }
        for (Integer o : twinned) {
            // A twin's candidates sit with its first rule's: its rule is there.
            for (Pending p : byRule.get(twinOf.applyAsInt(o))) {
                Detection.Candidate c = p.twin(o);
                if (c != null) {
                    if (!unique.test(c)) {
                        return false;
                    }
                    break;
                }
            }
        }
        return true;
    }

    /** The windowed query rules of one query instance, sharing executions ({@link QueryRuns}). */
    private void runQueries(Map<Integer, QueryCandidates> rules, java.util.function.IntFunction<FinishJobs.Kept> kept) {
        QueryRuns runs = new QueryRuns();
        rules.values().forEach(runs::expect);
        for (Map.Entry<Integer, QueryCandidates> q : rules.entrySet()) {
            FinishJobs.Kept k = kept.apply(q.getKey());
            runs.run(q.getValue(), executedAfter, executeUntil, k.alerts::add, k.failures::add);
        }
    }

    /**
     * Runs the operator of each of {@code rules} (a rule and its twins, in rule order) over its
     * candidates in event-time order; a twin reads its candidates from its first rule's, sorted once.
     */
    private void decide(List<Integer> rules, Map<Integer, List<Pending>> lists, java.util.function.IntFunction<FinishJobs.Kept> kept) {
        List<Pending> first = null;
        for (Integer o : rules) {
            List<Pending> list = lists.remove(o); // a rule's candidates go once it has run
            if (list != null) {
                list.sort(IN_TIME_ORDER);
            }
            if (first == null) {
                first = list;
            } else {
                list = ofTwin(o, first, list);
            }
            AlertSink sink = kept.apply(o).alerts::add;
            Stateful s = list.get(0).candidate.rule().stateful();
            if (s instanceof Stateful.NewTerms nt) {
                newTerms(nt, list, sink);
            } else if (s instanceof Stateful.Threshold t) {
                threshold(t, list, sink);
            } else {
                sequence((Stateful.Sequence) s, list, sink);
            }
        }
    }

    private static final Comparator<Pending> IN_TIME_ORDER =
            Comparator.comparingLong((Pending p) -> p.event.timeMillis()).thenComparingLong(Pending::seq);

    /**
     * The candidates of the twinned rule {@code o} in time order: those held with its first twin's
     * ({@code first}, in order), as its own, and any it held on its own ({@code own}, sorted), merged
     * by time and arrival.
     */
    private static List<Pending> ofTwin(int o, List<Pending> first, List<Pending> own) {
        List<Pending> out = new ArrayList<>(first.size() + (own == null ? 0 : own.size()));
        for (Pending p : first) {
            Detection.Candidate c = p.twin(o);
            if (c != null) {
                out.add(p.as(c));
            }
        }
        if (own != null && !own.isEmpty()) {
            out.addAll(own);
            out.sort(IN_TIME_ORDER);
        }
        return out;
    }

    private void newTerms(Stateful.NewTerms nt, List<Pending> list, AlertSink sink) {
        long window = nt.history().toMillis();
        for (Pending p : list) {
            Detection.Candidate c = p.candidate;
            String ruleId = c.rule().info().id();
            long t = p.event.timeMillis();
            String fresh = null;
            for (String key : c.keys()) {
                long[] seen = history.sightings(ruleId, key);
                // Seen within the window: a first sighting not after t (an earlier event of the same
                // second, or this very event in an earlier run), the latest not older than the window.
                boolean known = seen != null && seen[0] <= t && seen[1] >= t - window;
                if (!known && fresh == null) {
                    fresh = key;
                }
            }
            for (String key : c.keys()) {
                history.record(ruleId, key, t);
            }
            if (fresh != null && t >= learnUntilMillis) {
                sink.alert(alert(p, Map.of("new_terms", fresh.replace('\u001f', ','))));
            }
        }
    }

    private static void threshold(Stateful.Threshold th, List<Pending> list, AlertSink sink) {
        long window = th.window().toMillis();
        Map<String, ArrayList<Pending>> groups = new HashMap<>();
        for (Pending p : list) {
            long t = p.event.timeMillis();
            for (String key : p.candidate.keys()) {
                ArrayList<Pending> g = groups.computeIfAbsent(key, k -> new ArrayList<>());
                g.add(p);
                // Drop what fell out of the window; the list is in time order so the old ones lead.
                int drop = 0;
                while (drop < g.size() && g.get(drop).event.timeMillis() < t - window) {
                    drop++;
                }
                if (drop > 0) {
                    g.subList(0, drop).clear();
                }
                long count = g.size();
                boolean countOk = th.count() == null || th.count().holds(count);
                long distinct = -1;
                if (th.cardinality() != null) {
                    distinct = g.stream().map(x -> x.candidate.value()).filter(java.util.Objects::nonNull).distinct().count();
                }
                boolean cardOk = th.cardinality() == null || th.cardinality().holds(distinct);
                if (countOk && cardOk) {
                    Map<String, String> ctx = new LinkedHashMap<>();
                    ctx.put("count", Long.toString(count));
                    if (distinct >= 0) {
                        ctx.put("cardinality", Long.toString(distinct));
                    }
                    if (!key.isEmpty()) {
                        ctx.put("group", key.replace('\u001f', ','));
                    }
                    ctx.put("first", g.get(0).event.time());
                    sink.alert(alert(p, ctx));
                    g.clear();
                }
            }
        }
    }

    private static void sequence(Stateful.Sequence seq, List<Pending> list, AlertSink sink) {
        long span = seq.maxspan().toMillis();
        int n = Math.min(64, seq.steps().size()); // the candidates carry one bit a step
        // Per key and step: the start time of the latest partial chain that has reached that step.
        Map<String, long[]> chains = new HashMap<>();
        for (Pending p : list) {
            long t = p.event.timeMillis();
            long steps = p.candidate.steps();
            for (String key : p.candidate.keys()) {
                long[] at = chains.computeIfAbsent(key, k -> {
                    long[] a = new long[n];
                    java.util.Arrays.fill(a, Long.MIN_VALUE);
                    return a;
                });
                boolean done = seq.ordered() ? ordered(at, steps, t, span, n) : unordered(at, steps, t, span, n);
                if (done) {
                    sink.alert(alert(p, Map.of("sequence", key.replace('\u001f', ','))));
                    java.util.Arrays.fill(at, Long.MIN_VALUE);
                }
            }
        }
    }

    /** Advances ordered chains; true when the last step completes within the span. */
    private static boolean ordered(long[] at, long steps, long t, long span, int n) {
        // Later steps first, so one event does not carry a chain through two steps at once.
        for (int i = n - 1; i >= 0; i--) {
            if ((steps & (1L << i)) == 0) {
                continue;
            }
            if (i == 0) {
                if (n == 1) {
                    return true;
                }
                at[0] = t;
            } else if (at[i - 1] != Long.MIN_VALUE && t - at[i - 1] <= span) {
                if (i == n - 1) {
                    return true;
                }
                at[i] = at[i - 1];
            }
        }
        return false;
    }

    /** Records the latest time of each step; true when every step was seen within the span. */
    private static boolean unordered(long[] at, long steps, long t, long span, int n) {
        for (int i = 0; i < n; i++) {
            if ((steps & (1L << i)) != 0) {
                at[i] = t;
            }
        }
        for (int i = 0; i < n; i++) {
            if (at[i] == Long.MIN_VALUE || t - at[i] > span) {
                return false;
            }
        }
        return true;
    }

    private static Alert alert(Pending p, Map<String, String> context) {
        Detection.Candidate c = p.candidate;
        if (c.output() != null || p.source == null) {
            return new Alert(c.rule().info(), c.output(), c.fields() == null ? Map.of() : c.fields(), p.event,
                    p.attribution, context);
        }
        CompiledRule r = c.rule();
        Map<String, String> fields = r.output().fields(p.source);
        return new Alert(r.info(), r.output().render(p.source, fields), fields, p.event, p.attribution, context);
    }
}
