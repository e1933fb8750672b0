package io.trailhound.core.ingest;

import io.trailhound.core.event.CloudTrailEvent;
import java.util.ArrayDeque;

/**
 * Holds a gzip member's events back until the member's trailer has been checked, so a member
 * whose CRC-32 fails never has its records read as good: they go to the quarantine instead.
 * Memory is bounded: past {@code limit} bytes of held records, the oldest go on unchecked, and if
 * the check then fails the quarantine entry says how many did. Plain input is never held.
 */
final class HeldRecords {
    private final ArrayDeque<CloudTrailEvent> held = new ArrayDeque<>();
    private final long limit;
    private final int contentBytes;
    private long heldBytes;
    private long passedUnchecked;
    private long lastPassedEnd;

    HeldRecords(long limit, int contentBytes) {
        this.limit = limit;
        this.contentBytes = contentBytes;
    }

    /** Hands {@code e} on when every byte up to its end was verified; holds it back otherwise. */
    void offer(CloudTrailEvent e, long verifiedEnd, RecordHandler out) {
        if (held.isEmpty() && end(e) <= verifiedEnd) {
            out.event(e);
            return;
        }
        held.addLast(e);
        heldBytes += e.rawBytes().length;
        release(verifiedEnd, out);
        while (heldBytes > limit && !held.isEmpty()) {
            CloudTrailEvent first = take();
            passedUnchecked++;
            lastPassedEnd = end(first);
            out.event(first);
        }
    }

    /** Hands on the held events that end at or before {@code verifiedEnd}. */
    void release(long verifiedEnd, RecordHandler out) {
        while (!held.isEmpty() && end(held.peekFirst()) <= verifiedEnd) {
            out.event(take());
        }
        if (verifiedEnd >= lastPassedEnd) {
            passedUnchecked = 0;
        }
    }

    /** Hands on everything held: the input ended, or stopped at damage that leaves what came before intact. */
    void releaseAll(RecordHandler out) {
        release(Long.MAX_VALUE, out);
    }

    /** The member being read failed its check: each held event goes to the quarantine. Returns how many did. */
    long quarantineAll(String why, RecordHandler out) {
        long n = 0;
        for (; !held.isEmpty(); n++) {
            CloudTrailEvent e = take();
            out.bad(BadRecord.of(QuarantineReason.CORRUPT_GZIP, e.position(), why, e.rawBytes(), contentBytes));
        }
        return n;
    }

    /** How many events of the members not yet verified went on unchecked, over the hold limit. */
    long passedUnchecked() {
        return passedUnchecked;
    }

    private CloudTrailEvent take() {
        CloudTrailEvent e = held.pollFirst();
        heldBytes -= e.rawBytes().length;
        return e;
    }

    private static long end(CloudTrailEvent e) {
        return e.position().byteOffset() + e.rawBytes().length;
    }
}
