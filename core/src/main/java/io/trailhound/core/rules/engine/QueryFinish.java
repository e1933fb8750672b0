package io.trailhound.core.rules.engine;

import io.trailhound.core.alert.Alert;
import io.trailhound.core.alert.AlertSink;
import io.trailhound.core.rules.ir.RowQuery;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The windowed query rules' executions at the end of a run, on two threads. Rules that run one
 * query instance form a group ({@link QueryRuns} shares executions within it); groups share
 * nothing but the {@link CandidateStore} they read, so while the finishing thread takes groups
 * in rule order (and, while it waits for one the helper is on, the next ones nobody has taken), a
 * helper thread takes them from the last (the reading threads are done by then: this work alone
 * was on the critical path, single-threaded). Each rule's alerts and failures are
 * kept until the finishing thread reaches the rule ({@link #deliver}), so they reach the sink in
 * rule order, as from one thread; what a rule keeps is its alerts, few next to its candidates.
 */
final class QueryFinish implements AutoCloseable {
    /** A rule's alerts and failed executions, kept until it is delivered. */
    private static final class Kept {
        final List<Alert> alerts = new ArrayList<>();
        final List<RuntimeException> failures = new ArrayList<>();
    }

    /** The rules of one query instance, in rule order; run by whichever thread claims it first. */
    private final class Group {
        final List<QueryCandidates> rules = new ArrayList<>();
        final AtomicBoolean claimed = new AtomicBoolean();
        private boolean done;
        private Throwable error;

        void run() {
            try {
                QueryRuns runs = new QueryRuns();
                rules.forEach(runs::expect);
                for (QueryCandidates q : rules) {
                    Kept k = kept.get(q);
                    runs.run(q, after, until, k.alerts::add, k.failures::add);
                }
            } catch (RuntimeException | Error e) {
                error = e;
            } finally {
                synchronized (this) {
                    done = true;
                    notifyAll();
                }
            }
        }

        synchronized boolean done() {
            return done;
        }

        synchronized void await() {
            boolean interrupted = false;
            while (!done) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            if (error instanceof RuntimeException r) {
                throw r;
            }
            if (error instanceof Error e) {
                throw e;
            }
        }
    }

    private final long after;
    private final long until;
    private final List<Group> groups = new ArrayList<>();
    private final Map<QueryCandidates, Group> groupOf = new IdentityHashMap<>();
    /** Read-only once built: both threads look rules up in it. */
    private final Map<QueryCandidates, Kept> kept = new IdentityHashMap<>();
    private volatile boolean closed;
    private Thread helper;

    /** {@code rules} in rule order; their executions in {@code (after, until]}. */
    QueryFinish(List<QueryCandidates> rules, long after, long until) {
        this.after = after;
        this.until = until;
        Map<RowQuery, Group> byQuery = new LinkedHashMap<>();
        for (QueryCandidates q : rules) {
            Group g = byQuery.computeIfAbsent(q.query().query(), k -> {
                Group n = new Group();
                groups.add(n);
                return n;
            });
            g.rules.add(q);
            groupOf.put(q, g);
            kept.put(q, new Kept());
        }
    }

    /** Starts the helper thread on the last groups, when there are two groups or more. */
    QueryFinish start() {
        if (groups.size() >= 2) {
            helper = new Thread(this::fromTheLast, "trailhound-query-windows");
            helper.setDaemon(true);
            helper.start();
        }
        return this;
    }

    private void fromTheLast() {
        for (int i = groups.size() - 1; i >= 0 && !closed; i--) {
            Group g = groups.get(i);
            if (g.claimed.compareAndSet(false, true)) {
                g.run();
            }
        }
    }

    /** The rule's alerts to {@code sink} and failed executions to {@code failed}, once its group has run. */
    void deliver(QueryCandidates q, AlertSink sink, Consumer<RuntimeException> failed) {
        Group g = groupOf.get(q);
        if (g.claimed.compareAndSet(false, true)) {
            g.run();
        }
        // While the helper is on this rule's group, run the next groups nobody has taken yet.
        for (int i = groups.indexOf(g) + 1; i < groups.size() && !g.done(); i++) {
            Group next = groups.get(i);
            if (next.claimed.compareAndSet(false, true)) {
                next.run();
            }
        }
        g.await();
        Kept k = kept.get(q);
        k.alerts.forEach(sink::alert);
        k.failures.forEach(failed);
        k.alerts.clear();
        k.failures.clear();
    }

    /** Stops the helper after the group it is on and waits for it: the store it reads closes next. */
    @Override
    public void close() {
        closed = true;
        if (helper == null) {
            return;
        }
        boolean interrupted = false;
        while (helper.isAlive()) {
            try {
                helper.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
