package io.trailhound.flink;

import java.io.Serializable;
import org.apache.flink.streaming.api.TimerService;

/**
 * When the operators after attribution may decide about event time t: attribution lets an event
 * go once event time passes t plus the attribution wait (to the next whole second), so until
 * event time is that far past t, more of what happened at or before t may still come. Reading
 * files once (every decision at the end of the input) there is nothing to wait for.
 */
final class DecisionTime implements Serializable {
    private static final long serialVersionUID = 1L;

    private final long behind;

    DecisionTime(JobOptions options) {
        this.behind = options.watermarks() ? options.attributionWait.toMillis() + 1000 : 0;
    }

    /** The event time up to which everything is in, when the watermark is at {@code watermark}. */
    long decidable(long watermark) {
        return watermark == Long.MAX_VALUE ? watermark : watermark - behind;
    }

    /** A timer that fires once {@code eventTime} is decidable. */
    void decideAt(long eventTime, TimerService timers) {
        timers.registerEventTimeTimer(eventTime > Long.MAX_VALUE - behind ? Long.MAX_VALUE : eventTime + behind);
    }
}
