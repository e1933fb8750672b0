package io.trailhound.core.scan;

import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.stage.HeldState;
import io.trailhound.core.stage.Stage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a scan saw, for the summary a person reads first: the time span, accounts and regions,
 * identity types, the busiest event sources and names, and errors. One hash lookup per counted
 * field per event; the maps hold distinct values, which stay small (hundreds) for real trails.
 */
public final class EventStats implements Stage<Void> {
    /** Distinct values kept per field; beyond this a field's rarest values fold into "(other)". */
    private static final int MAX_DISTINCT = 10_000;

    private long events;
    private long errors;
    private long firstMillis = Long.MAX_VALUE;
    private long lastMillis = Long.MIN_VALUE;
    private final Map<String, long[]> accounts = new HashMap<>();
    private final Map<String, long[]> regions = new HashMap<>();
    private final Map<String, long[]> identityTypes = new HashMap<>();
    private final Map<String, long[]> eventSources = new HashMap<>();
    private final Map<String, long[]> eventNames = new HashMap<>();
    private final Map<String, long[]> errorCodes = new HashMap<>();

    @Override
    public void accept(CloudTrailEvent e, Void unused) {
        events++;
        long t = e.eventTimeMillis();
        if (t < firstMillis) {
            firstMillis = t;
        }
        if (t > lastMillis) {
            lastMillis = t;
        }
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

    private static void count(Map<String, long[]> map, String key) {
        String k = key == null ? "(none)" : key;
        long[] c = map.get(k);
        if (c == null) {
            if (map.size() >= MAX_DISTINCT) {
                k = "(other)";
                c = map.get(k);
            }
            if (c == null) {
                c = new long[1];
                map.put(k, c);
            }
        }
        c[0]++;
    }

    public long events() { return events; }
    public long errors() { return errors; }
    /** Earliest eventTime, or null when no event was seen. */
    public Instant first() { return events == 0 ? null : Instant.ofEpochMilli(firstMillis); }
    public Instant last() { return events == 0 ? null : Instant.ofEpochMilli(lastMillis); }
    public List<Count> accounts(int limit) { return top(accounts, limit); }
    public List<Count> regions(int limit) { return top(regions, limit); }
    public List<Count> identityTypes(int limit) { return top(identityTypes, limit); }
    public List<Count> eventSources(int limit) { return top(eventSources, limit); }
    public List<Count> eventNames(int limit) { return top(eventNames, limit); }
    public List<Count> errorCodes(int limit) { return top(errorCodes, limit); }
    public int distinctAccounts() { return accounts.size(); }
    public int distinctRegions() { return regions.size(); }

    /** Counts by field value, each capped at {@value #MAX_DISTINCT} distinct values. */
    @Override
    public List<HeldState> held() {
        long distinct = (long) accounts.size() + regions.size() + identityTypes.size() + eventSources.size()
                + eventNames.size() + errorCodes.size();
        return List.of(new HeldState("summary counts", "field and value", distinct));
    }

    /** A value and how often it occurred. */
    public record Count(String value, long count) {
    }

    private static List<Count> top(Map<String, long[]> map, int limit) {
        List<Count> all = new ArrayList<>(map.size());
        map.forEach((k, v) -> all.add(new Count(k, v[0])));
        all.sort(Comparator.comparingLong(Count::count).reversed().thenComparing(Count::value));
        return all.size() > limit ? all.subList(0, limit) : all;
    }
}
