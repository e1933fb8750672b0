package io.trailhound.core.testkit;

import io.trailhound.core.alert.Alert;
import io.trailhound.core.alert.AlertSink;
import io.trailhound.core.alert.AlertUpdate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An alert sink that keeps every alert and update it is given, in order; safe to read from another thread. */
public final class CollectedAlerts implements AlertSink {
    public final List<Alert> alerts = new CopyOnWriteArrayList<>();
    public final List<AlertUpdate> updates = new CopyOnWriteArrayList<>();

    @Override
    public void alert(Alert a) {
        alerts.add(a);
    }

    @Override
    public void update(AlertUpdate u) {
        updates.add(u);
    }
}
