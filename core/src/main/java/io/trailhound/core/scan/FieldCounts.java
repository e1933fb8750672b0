package io.trailhound.core.scan;

import io.trailhound.core.event.CloudTrailEvent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts of events by the values of the fields the scan summary shows (accounts, regions, identity
 * types, event sources and names, error codes), each capped at {@value #MAX_DISTINCT} distinct
 * values, past which a field's new values count under "(other)". One per reading thread (counted
 * where the event was just decoded, in that thread's cache), summed when read ({@link #sum}).
 */
final class FieldCounts {
    /** Distinct values kept per field and counter; beyond this a field's new values fold into "(other)". */
    static final int MAX_DISTINCT = 10_000;
    static final String OTHER = "(other)";

    long errors;
    final Counter accounts = new Counter();
    final Counter regions = new Counter();
    final Counter identityTypes = new Counter();
    final Counter eventSources = new Counter();
    final Counter eventNames = new Counter();
    final Counter errorCodes = new Counter();

    void add(CloudTrailEvent e) {
        accounts.count(e.recipientAccountId());
        regions.count(e.awsRegion());
        identityTypes.count(e.userIdentity().type());
        eventSources.count(e.eventSource());
        eventNames.count(e.eventName());
        if (e.errorCode() != null) {
            errors++;
            errorCodes.count(e.errorCode());
        }
    }

    /** Distinct values held, all fields. */
    long distinct() {
        return (long) accounts.values.size() + regions.values.size() + identityTypes.values.size() + eventSources.values.size()
                + eventNames.values.size() + errorCodes.values.size();
    }

    /** One field's counts by value. */
    static final class Counter {
        final Map<String, long[]> values = new HashMap<>();
        /**
         * The value counted last and its count: a log file's records share their account and
         * region, and often their source, so most events cost one comparison and no hashing.
         */
        private String last;
        private long[] lastCount;

        void count(String key) {
            String k = key == null ? "(none)" : key;
            if (k.equals(last)) {
                lastCount[0]++;
                return;
            }
            long[] c = values.get(k);
            if (c == null) {
                if (values.size() >= MAX_DISTINCT) {
                    k = OTHER;
                    c = values.get(k);
                }
                if (c == null) {
                    c = new long[1];
                    values.put(k, c);
                }
            }
            last = k;
            lastCount = c;
            c[0]++;
        }
    }

    /**
     * One field's counts over {@code counted}, less {@code takenBack}'s (events counted and then
     * dropped as duplicates; a value no longer held comes off "(other)", where it was counted).
     */
    static Map<String, Long> sum(List<FieldCounts> counted, FieldCounts takenBack,
                                 java.util.function.Function<FieldCounts, Counter> field) {
        Map<String, Long> sum = new HashMap<>();
        for (FieldCounts c : counted) {
            field.apply(c).values.forEach((k, v) -> sum.merge(k, v[0], Long::sum));
        }
        field.apply(takenBack).values.forEach((k, v) -> {
            String at = sum.containsKey(k) ? k : OTHER;
            if (sum.merge(at, -v[0], Long::sum) <= 0) {
                sum.remove(at);
            }
        });
        return sum;
    }
}
