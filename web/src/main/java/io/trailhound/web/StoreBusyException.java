package io.trailhound.web;

/** The store file is locked by a writer (a running {@code scan --db}): the page says so and retries. */
final class StoreBusyException extends RuntimeException {
    StoreBusyException(String message, Throwable cause) {
        super(message, cause);
    }
}
