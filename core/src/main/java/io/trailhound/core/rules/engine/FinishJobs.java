package io.trailhound.core.rules.engine;

import io.trailhound.core.alert.Alert;
import io.trailhound.core.alert.AlertSink;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The stateful rules' decisions at the end of a run, on two threads. The rules form jobs that share
 * nothing but what they read (the {@link CandidateStore}, the term history when it
 * {@linkplain TermHistory#concurrentRules allows} it): the rules that run one query instance
 * ({@link QueryRuns} shares executions within it), a rule with its twins ({@link RuleSet#twinOf}),
 * any other rule alone. While the finishing thread takes jobs in rule order (and, while it waits for
 * one the helper is on, the next ones nobody has taken), a helper thread takes them from the last
 * (the reading threads are done by then: this work alone was on the critical path,
 * single-threaded). Each rule's alerts and failures are kept until the finishing thread reaches
 * the rule ({@link #deliver}), so they reach the sink in rule order, as from one thread; what a
 * rule keeps is its alerts, few next to its candidates.
 */
final class FinishJobs implements AutoCloseable {
    /** A rule's alerts and failed executions, kept until it is delivered. */
    static final class Kept {
        final List<Alert> alerts = new ArrayList<>();
        final List<RuntimeException> failures = new ArrayList<>();
    }

    /** What a job does: decides its rules, each into what {@code kept} gives for its ordinal. */
    @FunctionalInterface
    interface Work {
        void run(java.util.function.IntFunction<Kept> kept);
    }

    /** Rules decided together, in rule order; run by whichever thread claims it first. */
    private final class Group {
        final int index;
        final boolean anyThread;
        Work work;
        final AtomicBoolean claimed = new AtomicBoolean();
        private boolean done;
        private Throwable error;

        Group(int index, Work work, boolean anyThread) {
            this.index = index;
            this.work = work;
            this.anyThread = anyThread;
        }

        void run() {
            try {
                work.run(kept::get);
            } catch (RuntimeException | Error e) {
                error = e;
            } finally {
                work = null; // what it held (its candidates) goes
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

    private final List<Group> groups = new ArrayList<>();
    private final Map<Integer, Group> groupOf = new HashMap<>();
    /** Read-only once started: both threads look rules up in it. */
    private final Map<Integer, Kept> kept = new HashMap<>();
    private volatile boolean closed;
    private Thread helper;

    /**
     * A job deciding {@code rules} (ordinals, in rule order); jobs are added in the order of their
     * first rule. {@code anyThread} false keeps it on the finishing thread.
     */
    void add(List<Integer> rules, Work work, boolean anyThread) {
        Group g = new Group(groups.size(), work, anyThread);
        groups.add(g);
        for (Integer o : rules) {
            groupOf.put(o, g);
            kept.put(o, new Kept());
        }
    }

    /** Starts the helper thread on the last jobs, when there are two or more. */
    FinishJobs start() {
        if (groups.size() >= 2) {
            helper = new Thread(this::fromTheLast, "trailhound-rule-finish");
            helper.setDaemon(true);
            helper.start();
        }
        return this;
    }

    private void fromTheLast() {
        for (int i = groups.size() - 1; i >= 0 && !closed; i--) {
            Group g = groups.get(i);
            if (g.anyThread && g.claimed.compareAndSet(false, true)) {
                g.run();
            }
        }
    }

    /** The rule's alerts to {@code sink} and failures to {@code failed}, once its job has run. */
    void deliver(int rule, AlertSink sink, Consumer<RuntimeException> failed) {
        Group g = groupOf.get(rule);
        if (g.claimed.compareAndSet(false, true)) {
            g.run();
        }
        // While the helper is on this rule's job, run the next jobs nobody has taken yet.
        for (int i = g.index + 1; i < groups.size() && !g.done(); i++) {
            Group next = groups.get(i);
            if (next.claimed.compareAndSet(false, true)) {
                next.run();
            }
        }
        g.await();
        Kept k = kept.get(rule);
        k.alerts.forEach(sink::alert);
        k.failures.forEach(failed);
        k.alerts.clear();
        k.failures.clear();
    }

    /** Stops the helper after the job it is on and waits for it: the store it reads closes next. */
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
