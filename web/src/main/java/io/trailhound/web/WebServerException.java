package io.trailhound.web;

/** An HTTP answer other than 200, with a message for the page (never a stack trace). */
final class WebServerException extends RuntimeException {
    private final int status;

    WebServerException(int status, String message) {
        super(message);
        this.status = status;
    }

    int status() {
        return status;
    }

    static WebServerException badRequest(String message) {
        return new WebServerException(400, message);
    }

    static WebServerException notFound(String message) {
        return new WebServerException(404, message);
    }
}
