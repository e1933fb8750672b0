package io.trailhound.aws.sqs;

import java.time.Duration;
import java.util.Locale;

/** What the watch has done since it started, for the health line; updated by the watch loop only. */
final class WatchStats {
    long messages, badMessages, objects, objectsAlreadyRead, objectsGone, objectsRetried, events, alerts, quarantined, batches;
    long lagMaxMillis = -1;     // object time to commit (alerts go out at commit), over the last interval
    long lastLagMillis = -1;

    synchronized void lag(long millis) {
        lastLagMillis = millis;
        lagMaxMillis = Math.max(lagMaxMillis, millis);
    }

    synchronized String line(long queued, long inFlight, Duration up) {
        String s = String.format(Locale.ROOT, "watch: health up=%ds messages=%d bad_messages=%d objects=%d already_read=%d "
                        + "gone=%d retried=%d events=%d alerts=%d quarantined=%d lag_max=%s lag_last=%s queue=%s in_flight=%s",
                up.toSeconds(), messages, badMessages, objects, objectsAlreadyRead, objectsGone, objectsRetried, events, alerts,
                quarantined, seconds(lagMaxMillis), seconds(lastLagMillis), queued < 0 ? "?" : Long.toString(queued),
                inFlight < 0 ? "?" : Long.toString(inFlight));
        lagMaxMillis = -1;
        return s;
    }

    private static String seconds(long millis) {
        return millis < 0 ? "-" : String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
    }
}
