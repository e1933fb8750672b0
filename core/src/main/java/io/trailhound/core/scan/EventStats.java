package io.trailhound.core.scan;

import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.stage.HeldState;
import io.trailhound.core.stage.Stage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * What a scan saw, for the summary a person reads first: the time span, accounts and regions,
 * identity types, the busiest event sources and names, and errors. The values are counted in the
 * reading threads ({@link #prepare}: each its own {@link FieldCounts}, as the event is decoded and
 * in that thread's cache), so the one ordered thread only counts events and their time span; a
 * duplicate counted there is taken back ({@link #dropped}). The maps hold distinct values, which
 * stay small (hundreds) for real trails.
 */
public final class EventStats implements Stage<Object> {
    /** What {@link #prepare} hands on: nothing, only that the event's values were counted. */
    private static final Object COUNTED = Boolean.TRUE;

    private long events;
    private long firstMillis = Long.MAX_VALUE;
    private long lastMillis = Long.MIN_VALUE;
    /** Every thread's counts (the ordered thread's too, for events that were not prepared). */
    private final List<FieldCounts> counted = new ArrayList<>();
    private final ThreadLocal<FieldCounts> own = ThreadLocal.withInitial(this::newCounts);
    /** Duplicates counted by {@link #prepare} and then dropped: subtracted when read. */
    private final FieldCounts dropped = new FieldCounts();

    private synchronized FieldCounts newCounts() {
        FieldCounts c = new FieldCounts();
        counted.add(c);
        return c;
    }

    /** Reading threads: counts the event's values in this thread's counts. */
    @Override
    public Object prepare(CloudTrailEvent e) {
        own.get().add(e);
        return COUNTED;
    }

    @Override
    public void accept(CloudTrailEvent e, Object prepared) {
        events++;
        long t = e.eventTimeMillis();
        if (t < firstMillis) {
            firstMillis = t;
        }
        if (t > lastMillis) {
            lastMillis = t;
        }
        if (prepared != COUNTED) {
            own.get().add(e); // a caller that does not prepare
        }
    }

    /** A duplicate, counted when prepared: taken back. */
    @Override
    public void dropped(CloudTrailEvent e, Object prepared) {
        if (prepared == COUNTED) {
            dropped.add(e);
        }
    }

    public long events() { return events; }

    public synchronized long errors() {
        long n = -dropped.errors;
        for (FieldCounts c : counted) {
            n += c.errors;
        }
        return n;
    }

    /** Earliest eventTime, or null when no event was seen. */
    public Instant first() { return events == 0 ? null : Instant.ofEpochMilli(firstMillis); }
    public Instant last() { return events == 0 ? null : Instant.ofEpochMilli(lastMillis); }
    public List<Count> accounts(int limit) { return top(sum(c -> c.accounts), limit); }
    public List<Count> regions(int limit) { return top(sum(c -> c.regions), limit); }
    public List<Count> identityTypes(int limit) { return top(sum(c -> c.identityTypes), limit); }
    public List<Count> eventSources(int limit) { return top(sum(c -> c.eventSources), limit); }
    public List<Count> eventNames(int limit) { return top(sum(c -> c.eventNames), limit); }
    public List<Count> errorCodes(int limit) { return top(sum(c -> c.errorCodes), limit); }
    public int distinctAccounts() { return sum(c -> c.accounts).size(); }
    public int distinctRegions() { return sum(c -> c.regions).size(); }

    /** Read after the run (the reading threads' counts are complete once their last events were accepted). */
    private synchronized Map<String, Long> sum(java.util.function.Function<FieldCounts, FieldCounts.Counter> field) {
        return FieldCounts.sum(counted, dropped, field);
    }

    /** Counts by field value, each capped at {@value FieldCounts#MAX_DISTINCT} distinct values per reading thread. */
    @Override
    public synchronized List<HeldState> held() {
        long distinct = dropped.distinct();
        for (FieldCounts c : counted) {
            distinct += c.distinct(); // another thread's sizes, read as they stand
        }
        return List.of(new HeldState("summary counts", "field and value", distinct));
    }

    /** A value and how often it occurred. */
    public record Count(String value, long count) {
    }

    private static List<Count> top(Map<String, Long> map, int limit) {
        List<Count> all = new ArrayList<>(map.size());
        map.forEach((k, v) -> all.add(new Count(k, v)));
        all.sort(Comparator.comparingLong(Count::count).reversed().thenComparing(Count::value));
        return all.size() > limit ? all.subList(0, limit) : all;
    }
}
