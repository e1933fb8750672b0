package io.trailhound.store;

/** A store that cannot be opened, read or written, with a message for people (the CLI prints it and exits 2). */
public final class StoreException extends RuntimeException {
    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
