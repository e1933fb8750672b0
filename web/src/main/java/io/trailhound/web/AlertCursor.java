package io.trailhound.web;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * A place in the alert list, as {@code GET /api/alerts} takes it in {@code before=} and
 * {@code after=} and gives it in {@code older} and {@code newer}: one alert's time and id,
 * {@code 2026-11-01T10:00:00.123Z,ID} (split at the first comma; an id may hold commas). Pages
 * read by cursor stay in place while a scan beside the server adds newer alerts.
 */
record AlertCursor(long timeMicros, String id) {

    /** The cursor of {@code text}, a bad request when it is not one; null for a blank parameter. */
    static AlertCursor parse(String name, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        int comma = text.indexOf(',');
        try {
            if (comma > 0 && comma < text.length() - 1) {
                Instant t = Instant.parse(text.substring(0, comma).strip());
                return new AlertCursor(Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000),
                        text.substring(comma + 1));
            }
        } catch (DateTimeParseException | ArithmeticException e) {
            // told below
        }
        throw WebServerException.badRequest(name + ": not an alert cursor (TIME,ID as 'older' or 'newer' of a page gives it)");
    }

    @Override
    public String toString() {
        return Instant.ofEpochSecond(Math.floorDiv(timeMicros, 1_000_000L), Math.floorMod(timeMicros, 1_000_000L) * 1000L) + "," + id;
    }
}
