package io.trailhound.core.alert;

import io.trailhound.core.identity.Attribution;

/**
 * A later, better answer for an alert already sent: {@code alert} as it went out, {@code attribution}
 * its event's attribution now. Hosts write it as an update of the stored alert, or as an NDJSON
 * record {@code {"type":"attribution_update","id":...}}, never as a second alert.
 *
 * @param settled true when the answer can no longer change (no more updates for this alert)
 */
public record AlertUpdate(Alert alert, Attribution attribution, boolean settled) {
    /** The id of the alert updated ({@link Alert#id()}). */
    public String alertId() {
        return alert.id();
    }
}
