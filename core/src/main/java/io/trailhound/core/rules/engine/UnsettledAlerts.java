package io.trailhound.core.rules.engine;

import io.trailhound.core.alert.Alert;
import io.trailhound.core.alert.AlertSink;
import io.trailhound.core.alert.AlertUpdate;
import io.trailhound.core.identity.Attribution;
import io.trailhound.core.identity.CredentialChange;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Alerts that went out while their credential's answer was still pending, by credential: when that
 * answer changes, each becomes an {@link AlertUpdate} (never a second alert), and once the answer
 * is settled they are let go. A {@link DetectionStage} keeps its own; a long-running host (watch)
 * hands one to every run's stage ({@link DetectionStage#keepingUnsettled}) so that an issuance read
 * in a later run updates alerts sent by an earlier one. State is per sent alert, bounded by
 * {@link #forgetBefore}.
 */
public final class UnsettledAlerts {
    private final Map<String, List<Alert>> byCredential = new HashMap<>();
    private long held;

    /** Alerts just sent for {@code credential}, whose answer is pending. */
    void add(String credential, List<Alert> sent) {
        if (!sent.isEmpty()) {
            byCredential.computeIfAbsent(credential, k -> new ArrayList<>(1)).addAll(sent);
            held += sent.size();
        }
    }

    /** The credential's answer changed: its alerts go to {@code sink} as updates. Returns how many. */
    int changed(CredentialChange c, AlertSink sink) {
        boolean settled = !c.now().pending();
        List<Alert> sent = settled ? byCredential.remove(c.credential()) : byCredential.get(c.credential());
        if (sent == null) {
            return 0;
        }
        for (int i = 0; i < sent.size(); i++) {
            Alert before = sent.get(i);
            Attribution now = c.now().forEvent(before.event().timeMillis());
            Alert after = before.withAttribution(now);
            sent.set(i, after);
            sink.update(new AlertUpdate(after, now, settled));
        }
        if (settled) {
            held -= sent.size();
        }
        return sent.size();
    }

    /**
     * Lets go of alerts whose event is older than {@code eventTimeMillis} (a streaming host's
     * retention: an issuance that late is no longer looked for). Returns how many.
     */
    public long forgetBefore(long eventTimeMillis) {
        long n = 0;
        for (Iterator<List<Alert>> it = byCredential.values().iterator(); it.hasNext(); ) {
            List<Alert> l = it.next();
            int before = l.size();
            l.removeIf(a -> a.event().timeMillis() < eventTimeMillis);
            n += before - l.size();
            if (l.isEmpty()) {
                it.remove();
            }
        }
        held -= n;
        return n;
    }

    /** Alerts held, waiting for a better answer. */
    public long size() {
        return held;
    }
}
