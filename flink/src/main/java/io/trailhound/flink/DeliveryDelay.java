package io.trailhound.flink;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * Event time for CloudTrail: the latest event time read, less the delivery delay, advanced as events
 * are read (by whole seconds), not only periodically, so that a file read in less than one periodic
 * interval still moves event time before its split ends (a finished split's watermark is no longer
 * emitted).
 */
final class DeliveryDelay implements WatermarkGenerator<Item> {
    private final long delay;
    private long max = Long.MIN_VALUE;
    private long emitted = Long.MIN_VALUE;

    DeliveryDelay(long delayMillis) {
        this.delay = delayMillis;
    }

    @Override
    public void onEvent(Item item, long timestamp, WatermarkOutput out) {
        if (item.event == null || timestamp <= max) {
            return;
        }
        max = timestamp;
        long w = max - delay - 1;
        // A second at a time: a watermark per event would travel through every operator with it.
        if (w >= emitted + 1000 || emitted == Long.MIN_VALUE) {
            emitted = w;
            out.emitWatermark(new Watermark(w));
        }
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput out) {
        // emitted on events
    }
}
