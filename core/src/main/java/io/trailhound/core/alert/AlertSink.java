package io.trailhound.core.alert;

/** Where alerts go: the terminal, an NDJSON stream, the store. Called from one thread. */
@FunctionalInterface
public interface AlertSink {
    void alert(Alert alert);

    /**
     * An alert already sent got a better attribution: its credential's answer changed after the
     * alert went out (only when the stage was given an attribution wait). Never a second alert.
     * Sinks that keep or forward alerts override this; the default ignores it.
     */
    default void update(AlertUpdate update) {
    }
}
