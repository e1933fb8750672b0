package io.trailhound.core.scan;

import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.identity.AttributionSummary;
import io.trailhound.core.identity.Attributor;
import io.trailhound.core.identity.CredentialLedger;
import io.trailhound.core.identity.TrustPolicies;
import io.trailhound.core.ingest.BadRecord;
import io.trailhound.core.ingest.EventSink;
import io.trailhound.core.ingest.Ingest;
import io.trailhound.core.ingest.IngestProgress;
import io.trailhound.core.ingest.IngestSummary;
import io.trailhound.core.ingest.InputFeed;
import io.trailhound.core.ingest.InputFinder;
import io.trailhound.core.ingest.Quarantine;
import io.trailhound.core.rules.engine.DetectionStage;
import io.trailhound.core.stage.HeldState;
import io.trailhound.core.stage.Stage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The scan pipeline, one for every host (the CLI's scan and demo, the store, the benchmarks):
 * find inputs, read and decode them, drop duplicates, quarantine what is bad, and pass each event
 * through the stages in order: summary statistics, attribution, detection, then the host's own
 * {@link Builder#onEvent}. A host assembles it with {@link #builder}; the builder does the wiring
 * between stages (detection reads each event's attribution, and findings whose credential is
 * pending wait for it). A scan runs once.
 *
 * <pre>{@code
 * Scan.Result r = Scan.builder(options)
 *         .attribution(ledger, trust)
 *         .detection(DetectionStage.inMemory(detector, null, alerts::add))
 *         .onBad(bad -> ...)
 *         .build()
 *         .run(paths, progress);
 * }</pre>
 */
public final class Scan {
    private final ScanOptions options;
    private final EventStats stats = new EventStats();
    private final DetectionStage detection;
    private final Attributor attributor;
    private final Consumer<BadRecord> onBad;
    private final Consumer<io.trailhound.core.ingest.InputSource> onInputDone;
    /** Whether the attributor is a streaming host's, kept across runs; then the change listeners it had before this run. */
    private final boolean borrowed;
    private final int listenersBefore;
    /** Every stage, in the order each event passes them. */
    private final List<Stage<Object>> stages;
    private boolean ran;

    /** The outcome: what was read, what the events showed, who was behind them and what the rules found (null when not run). */
    public record Result(IngestSummary ingest, EventStats stats, AttributionSummary attribution, DetectionStage detection) {
    }

    public static Builder builder(ScanOptions options) {
        return new Builder(options);
    }

    /** Which stages run, and what the host hears of the run. */
    public static final class Builder {
        private final ScanOptions options;
        private CredentialLedger ledger;
        private TrustPolicies trust;
        private Attributor running;
        private DetectionStage detection;
        private EventSink onEvent;
        private Attributor.Listener onAttributed;
        private final List<io.trailhound.core.identity.CredentialListener> onCredentialChanged = new ArrayList<>(1);
        private int maxHeldCredentials = Attributor.DEFAULT_MAX_HELD;
        private Consumer<BadRecord> onBad;
        private Consumer<io.trailhound.core.ingest.InputSource> onInputDone;

        private Builder(ScanOptions options) {
            this.options = Objects.requireNonNull(options, "options");
        }

        /** Attributes every event to its origin, starting from an empty ledger and no trust policies. */
        public Builder attribution() {
            return attribution(new CredentialLedger(), TrustPolicies.none());
        }

        /**
         * Attributes every event, starting from {@code ledger} (which may hold earlier runs'
         * issuances, and gains this run's) and with role trust policies that let session names
         * assert the user.
         */
        public Builder attribution(CredentialLedger ledger, TrustPolicies trust) {
            this.ledger = Objects.requireNonNull(ledger, "ledger");
            this.trust = Objects.requireNonNull(trust, "trust");
            return this;
        }

        /**
         * Attributes with {@code running}, an attributor a streaming host keeps across its runs
         * (watch: one run per batch), so pending credentials of earlier runs are answered by this
         * run's issuances and their change listeners hear of it. The run neither closes it nor
         * keeps its own listeners on it after it ends; its summary counts every run's events.
         */
        public Builder attribution(Attributor running) {
            this.running = Objects.requireNonNull(running, "running");
            this.ledger = running.ledger();
            this.trust = TrustPolicies.none(); // the attributor's own are used
            return this;
        }

        /** Attributes when {@code on}, as {@link #attribution()}. */
        public Builder attribution(boolean on) {
            return on ? attribution() : this;
        }

        /** Runs rules; with attribution on, every alert waits for its event's final attribution. */
        public Builder detection(DetectionStage stage) {
            this.detection = Objects.requireNonNull(stage, "stage");
            return this;
        }

        /** Sees every event (once, duplicates dropped) after the pipeline's stages, in one thread. */
        public Builder onEvent(EventSink sink) {
            this.onEvent = sink;
            return this;
        }

        /**
         * Hears each event once, as it passes, with its credential's answer then; an answer that
         * was pending and changed later comes through {@link #onCredentialChanged}, once per
         * credential. After the run, {@link Scan#attributor()}{@code .answer(event)} gives any
         * event's final answer.
         */
        public Builder onAttributed(Attributor.Listener listener) {
            this.onAttributed = listener;
            return this;
        }

        /** Hears each credential whose answer changed after its events passed (a later issuance was read). */
        public Builder onCredentialChanged(io.trailhound.core.identity.CredentialListener listener) {
            this.onCredentialChanged.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** Pending credentials kept in memory before the rest go to a temporary file (default {@link Attributor#DEFAULT_MAX_HELD}). */
        public Builder maxHeldCredentials(int n) {
            this.maxHeldCredentials = n;
            return this;
        }

        /** Hears every bad record as it is quarantined. */
        public Builder onBad(Consumer<BadRecord> kept) {
            this.onBad = kept;
            return this;
        }

        /**
         * Hears of each input read to its end, on the thread that runs the stages, after all its
         * events went through them and its bad records to {@link #onBad}.
         */
        public Builder onInputDone(Consumer<io.trailhound.core.ingest.InputSource> done) {
            this.onInputDone = done;
            return this;
        }

        public Scan build() {
            return new Scan(this);
        }
    }

    @SuppressWarnings("unchecked")
    private Scan(Builder b) {
        this.options = b.options;
        this.detection = b.detection;
        this.onBad = b.onBad == null ? bad -> { } : b.onBad;
        this.onInputDone = b.onInputDone == null ? in -> { } : b.onInputDone;
        Attributor.Listener attributed = b.onAttributed == null ? (e, a) -> { } : b.onAttributed;
        borrowed = b.running != null;
        if (borrowed && b.onAttributed != null) {
            throw new IllegalArgumentException("a borrowed attributor keeps the listener it was made with: no onAttributed");
        }
        listenersBefore = borrowed ? b.running.changeListeners() : 0;
        if (b.ledger == null) {
            attributor = null;
        } else {
            attributor = borrowed ? b.running : new Attributor(attributed, b.ledger, b.trust, b.maxHeldCredentials);
            b.onCredentialChanged.forEach(attributor::onChange);
            if (detection != null) {
                detection.awaitAttribution(attributor);
            }
        }
        List<Stage<Object>> s = new ArrayList<>(4);
        s.add((Stage<Object>) (Stage<?>) stats);
        if (attributor != null) {
            s.add((Stage<Object>) (Stage<?>) attributor);
        }
        if (detection != null) {
            s.add((Stage<Object>) (Stage<?>) detection);
        }
        if (b.onEvent != null) {
            EventSink host = b.onEvent;
            s.add((e, nothing) -> host.accept(e));
        }
        this.stages = List.copyOf(s);
    }

    /** Finds the inputs under {@code paths} and runs the scan over them. */
    public Result run(List<String> paths, IngestProgress progress) {
        return run(new InputFinder().find(paths), progress);
    }

    /** Runs the scan over inputs already found (a caller may have left some out). */
    public Result run(InputFinder.Found found, IngestProgress progress) {
        return run(InputFeed.of(found), progress);
    }

    /** Runs the scan over inputs as they are found (a listing in progress): reading starts with the first. */
    public Result run(InputFeed feed, IngestProgress progress) {
        if (ran) {
            throw new IllegalStateException("a scan runs once: its stages hold that run's state");
        }
        ran = true;
        Quarantine quarantine = new Quarantine(options.quarantineFile(), onBad);
        try {
            IngestSummary summary = new Ingest(options.limits(), options.threads())
                    .runStage(feed, new Stages(stages), quarantine, progress, onInputDone);
            // In order: attribution's finish settles what detection waits for, then detection decides.
            for (Stage<Object> st : stages) {
                st.finish();
            }
            return new Result(summary, stats, attributor == null ? null : attributor.summary(), detection);
        } finally {
            if (borrowed) {
                attributor.removeChangeListeners(listenersBefore);
            } else if (attributor != null) {
                attributor.close();
            }
            try {
                quarantine.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot finish quarantine file " + quarantine.file(), e);
            }
        }
    }

    /** The attribution stage (null when the scan does not attribute): after the run, {@code answer(event)} is final. */
    public Attributor attributor() {
        return attributor;
    }

    /** What every stage holds across events now (see {@link Stage#held}). */
    public List<HeldState> held() {
        List<HeldState> out = new ArrayList<>();
        stages.forEach(st -> out.addAll(st.held()));
        return out;
    }

    /** The stages as one: each event's preparations, one per stage, travel together. */
    private static final class Stages implements Stage<Object[]> {
        private final Stage<Object>[] stages;

        @SuppressWarnings("unchecked")
        Stages(List<Stage<Object>> stages) {
            this.stages = stages.toArray(new Stage[0]);
        }

        @Override
        public Object[] prepare(CloudTrailEvent e) {
            Object[] p = new Object[stages.length];
            for (int i = 0; i < stages.length; i++) {
                p[i] = stages[i].prepare(e);
            }
            return p;
        }

        @Override
        public void accept(CloudTrailEvent e, Object[] prepared) {
            for (int i = 0; i < stages.length; i++) {
                stages[i].accept(e, prepared[i]);
            }
        }

        @Override
        public void dropped(CloudTrailEvent e, Object[] prepared) {
            for (int i = 0; i < stages.length; i++) {
                stages[i].dropped(e, prepared[i]);
            }
        }
    }
}
