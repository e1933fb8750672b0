package io.trailhound.core.rules;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.rules.engine.Detection;
import io.trailhound.core.rules.engine.Detector;
import io.trailhound.core.rules.engine.RuleSet;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs the checks of hostile rule files: within a generous time bound (they are not performance
 * tests; a hang or an exponential blow-up fails them), on a thread with half the default stack, so
 * a recursion that only just fits the default would fail here too.
 */
public final class Hostile {
    public static final Duration BOUND = Duration.ofSeconds(60);
    private static final long STACK = 512 * 1024;

    private Hostile() {
    }

    public static <T> T run(Callable<T> work) {
        return assertTimeoutPreemptively(BOUND, () -> onSmallStack(work));
    }

    private static <T> T onSmallStack(Callable<T> work) throws Throwable {
        AtomicReference<T> out = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                out.set(work.call());
            } catch (Throwable e) { // StackOverflowError included: that is what these tests are about
                failure.set(e);
            }
        }, "hostile-rule-file", STACK);
        t.setDaemon(true);
        t.start();
        t.join();
        if (failure.get() != null) {
            throw failure.get();
        }
        return out.get();
    }

    /** The rules that match {@code e}, by name, as a scan selects and runs them. */
    public static List<String> matches(LoadResult loaded, CloudTrailEvent e) {
        Detection d = new Detector(new RuleSet(loaded.rules())).detect(e);
        return d == null ? List.of() : d.hits().stream().map(h -> h.rule().info().name()).toList();
    }
}
