package io.trailhound.core.rules.engine;

import io.trailhound.core.alert.Alert;
import io.trailhound.core.alert.AlertSink;
import io.trailhound.core.alert.AlertUpdate;
import io.trailhound.core.identity.Attribution;
import io.trailhound.core.identity.CredentialChange;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
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
    /** By credential, then by alert id: an alert raised again (a batch read again after its commit failed) is held once. */
    private final Map<String, LinkedHashMap<String, Alert>> byCredential = new HashMap<>();
    private long held;

    /** Alerts just sent for {@code credential}, whose answer is pending. */
    void add(String credential, java.util.List<Alert> sent) {
        if (sent.isEmpty()) {
            return;
        }
        Map<String, Alert> alerts = byCredential.computeIfAbsent(credential, k -> new LinkedHashMap<>(2));
        for (Alert a : sent) {
            if (alerts.put(a.id(), a) == null) {
                held++;
            }
        }
    }

    /** The credential's answer changed: its alerts go to {@code sink} as updates. Returns how many. */
    int changed(CredentialChange c, AlertSink sink) {
        boolean settled = !c.now().pending();
        Map<String, Alert> sent = settled ? byCredential.remove(c.credential()) : byCredential.get(c.credential());
        if (sent == null) {
            return 0;
        }
        for (Map.Entry<String, Alert> e : sent.entrySet()) {
            Attribution now = c.now().forEvent(e.getValue().event().timeMillis());
            Alert after = e.getValue().withAttribution(now);
            e.setValue(after);
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
        for (Iterator<LinkedHashMap<String, Alert>> it = byCredential.values().iterator(); it.hasNext(); ) {
            Map<String, Alert> alerts = it.next();
            int before = alerts.size();
            alerts.values().removeIf(a -> a.event().timeMillis() < eventTimeMillis);
            n += before - alerts.size();
            if (alerts.isEmpty()) {
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
