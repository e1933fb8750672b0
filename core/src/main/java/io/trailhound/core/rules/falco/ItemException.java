package io.trailhound.core.rules.falco;

/** An item of the wrong shape (a list where a string belongs, a missing key), with where it is. */
final class ItemException extends Exception {
    private final Position position;

    public ItemException(String message, Position position) {
        super(message);
        this.position = position;
    }

    public Position position() {
        return position;
    }
}
