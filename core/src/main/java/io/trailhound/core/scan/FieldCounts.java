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
    final Map<String, long[]> accounts = new HashMap<>();
    final Map<String, long[]> regions = new HashMap<>();
    final Map<String, long[]> identityTypes = new HashMap<>();
    final Map<String, long[]> eventSources = new HashMap<>();
    final Map<String, long[]> eventNames = new HashMap<>();
    final Map<String, long[]> errorCodes = new HashMap<>();

    void add(CloudTrailEvent e) {
        count(accounts, e.recipientAccountId());
        count(regions, e.awsRegion());
        count(identityTypes, e.userIdentity().type());
        count(eventSources, e.eventSource());
        count(eventNames, e.eventName());
        if (e.errorCode() != null) {
            errors++;
            count(errorCodes, e.errorCode());
        }
    }

    /** Distinct values held, all fields. */
    long distinct() {
        return (long) accounts.size() + regions.size() + identityTypes.size() + eventSources.size() + eventNames.size()
                + errorCodes.size();
    }

    private static void count(Map<String, long[]> map, String key) {
        String k = key == null ? "(none)" : key;
        long[] c = map.get(k);
        if (c == null) {
            if (map.size() >= MAX_DISTINCT) {
                k = OTHER;
                c = map.get(k);
            }
            if (c == null) {
                c = new long[1];
                map.put(k, c);
            }
        }
        c[0]++;
    }

    /**
     * One field's counts over {@code counted}, less {@code takenBack}'s (events counted and then
     * dropped as duplicates; a value no longer held comes off "(other)", where it was counted).
     */
    static Map<String, Long> sum(List<FieldCounts> counted, FieldCounts takenBack,
                                 java.util.function.Function<FieldCounts, Map<String, long[]>> field) {
        Map<String, Long> sum = new HashMap<>();
        for (FieldCounts c : counted) {
            field.apply(c).forEach((k, v) -> sum.merge(k, v[0], Long::sum));
        }
        field.apply(takenBack).forEach((k, v) -> {
            String at = sum.containsKey(k) ? k : OTHER;
            if (sum.merge(at, -v[0], Long::sum) <= 0) {
                sum.remove(at);
            }
        });
        return sum;
    }
}
