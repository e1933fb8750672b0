package io.trailhound.core.alert;

/** Where alerts go: the terminal, an NDJSON stream, the store. Called from one thread. */
@FunctionalInterface
public interface AlertSink {
    void alert(Alert alert);
}
