package io.trailhound.core.identity;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Counts over a run's attributions: how the events made with temporary credentials were
 * attributed (by confidence), the most active origins over all events, the commonest reasons an
 * origin stayed unknown, and anomalies.
 */
public final class AttributionSummary {
    private static final int MAX_DISTINCT = 10_000;

    private long events;
    private long chained;
    private long anomalies;
    /** By {@link Confidence#ordinal()}: counted once per event, so no boxed counts. */
    private final long[] byConfidence = new long[Confidence.values().length];
    private final Map<String, long[]> origins = new HashMap<>();
    private final Map<String, String> originTypes = new HashMap<>();
    private final Map<String, long[]> unknownReasons = new HashMap<>();
    private final List<String> anomalyExamples = new ArrayList<>();

    void add(boolean chain, Attribution a) {
        events++;
        if (chain) {
            chained++;
        }
        count(chain, a.confidence(), a.origin() == null ? null : a.origin().type(), a.origin() == null ? null : labelOf(a.origin()),
                a.confidence() == Confidence.UNKNOWN ? a.reason() : null, 1);
        if (!a.anomalies().isEmpty()) {
            anomaly(a.anomalies().get(0), 1);
        }
    }

    /**
     * Moves {@code n} events from one answer to another: their credential's answer changed after
     * they were counted. {@code before} is as {@link Bucket#of} gave it when they were counted.
     */
    void move(Bucket before, Attribution now, long n) {
        count(before.chain(), before.confidence(), before.originType(), before.originLabel(), before.reason(), -n);
        count(before.chain(), now.confidence(), now.origin() == null ? null : now.origin().type(),
                now.origin() == null ? null : labelOf(now.origin()), now.confidence() == Confidence.UNKNOWN ? now.reason() : null, n);
    }

    /** Counts {@code n} events with an anomaly. */
    void anomaly(String example, long n) {
        anomalies += n;
        if (anomalyExamples.size() < 10) {
            anomalyExamples.add(example);
        }
    }

    /**
     * What the summary counted a group of events under: enough to take them out again. The reason
     * is kept only for unknown origins (the only ones whose reasons are counted), as given.
     */
    public record Bucket(boolean chain, Confidence confidence, String originType, String originLabel, String reason) {
        static Bucket of(boolean chain, Attribution a) {
            return new Bucket(chain, a.confidence(), a.origin() == null ? null : a.origin().type(),
                    a.origin() == null ? null : labelOf(a.origin()), a.confidence() == Confidence.UNKNOWN ? a.reason() : null);
        }
    }

    private static String labelOf(Origin o) {
        return o.label() == null ? "(unnamed)" : o.label();
    }

    private void count(boolean chain, Confidence confidence, String originType, String label, String reason, long n) {
        if (chain) {
            byConfidence[confidence.ordinal()] += n;
            if (confidence == Confidence.UNKNOWN) {
                count(unknownReasons, generalised(reason), n);
            }
        }
        if (label == null) {
            return;
        }
        // A session's events come together: its origin was counted last, so no hashing.
        if (n > 0 && label.equals(lastLabel)) {
            lastLabelCount[0] += n;
            return;
        }
        int hash = label.hashCode();
        // Once the map is full, most new origins (a run of one-off session names) are not in it: the filter says so without a lookup.
        long[] c = origins.size() < MAX_DISTINCT || mayHold(hash) ? origins.get(label) : null;
        if (c == null) {
            String k = origins.size() >= MAX_DISTINCT ? "(other)" : label;
            c = origins.computeIfAbsent(k, x -> new long[1]);
            if (k.equals(label)) {
                originTypes.put(label, originType);
                held(hash);
            }
        }
        c[0] += n;
        if (c[0] <= 0) {
            origins.remove(label);
            lastLabel = null; // the counter it names may be gone
        } else {
            lastLabel = label;
            lastLabelCount = c;
        }
    }

    /**
     * A filter over the labels ever put in {@link #origins}: a clear bit means the label is not there
     * (bits are never cleared, so a label removed since only costs a lookup). 2^17 bits (16 KiB) for
     * at most {@value #MAX_DISTINCT} labels: about one lookup in thirteen for a label not held.
     */
    private final long[] heldLabels = new long[1 << 11];

    private boolean mayHold(int hash) {
        int bit = spread(hash);
        return (heldLabels[bit >>> 6] & 1L << bit) != 0;
    }

    private void held(int hash) {
        int bit = spread(hash);
        heldLabels[bit >>> 6] |= 1L << bit;
    }

    /** 17 bits of a String hash (whose low bits alone are poor for similar labels). */
    private static int spread(int hash) {
        return (hash ^ hash >>> 17) & ((1 << 17) - 1);
    }

    /** The origin counted last and the counter it went to in {@link #origins} (its own, or "(other)"'s). */
    private String lastLabel;
    private long[] lastLabelCount;

    /**
     * {@link #generalise}, remembered for the last reasons seen: every event of a credential brings
     * the same reason (the same string), and three regular expressions per event are dear.
     */
    private String generalised(String reason) {
        if (reason == null) {
            return generalise(null);
        }
        int slot = System.identityHashCode(reason) & (REASON_SLOTS - 1);
        if (reasons[slot] != reason) {
            reasons[slot] = reason;
            generalisedReasons[slot] = generalise(reason);
        }
        return generalisedReasons[slot];
    }

    private static final int REASON_SLOTS = 256;
    private final String[] reasons = new String[REASON_SLOTS];
    private final String[] generalisedReasons = new String[REASON_SLOTS];

    /** Reasons name keys and event IDs; the summary groups them by their wording (idempotent). */
    static String generalise(String reason) {
        if (reason == null) {
            return "(none)";
        }
        String r = KEY.matcher(reason).replaceAll("<key>");
        r = EVENT_ID.matcher(r).replaceAll("<event>");
        return INSTANCE.matcher(r).replaceAll("<instance>");
    }

    private static final Pattern KEY = Pattern.compile("\\b(ASIA|AKIA)[A-Z0-9]{12,}\\b");
    private static final Pattern EVENT_ID = Pattern.compile("\\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\b");
    private static final Pattern INSTANCE = Pattern.compile("\\bi-[0-9a-fA-F]{8,17}\\b");

    private static boolean count(Map<String, long[]> map, String key, long n) {
        long[] c = map.get(key);
        boolean added = false;
        if (c == null) {
            String k = map.size() >= MAX_DISTINCT ? "(other)" : key;
            c = map.computeIfAbsent(k, x -> new long[1]);
            added = k.equals(key);
        }
        c[0] += n;
        if (c[0] <= 0) {
            map.remove(key);
        }
        return added;
    }

    /** Events attributed, all kinds. */
    public long events() { return events; }
    /** Events made with temporary credentials whose origin needed the ledger. */
    public long chained() { return chained; }
    public long count(Confidence c) { return byConfidence[c.ordinal()]; }
    public long anomalies() { return anomalies; }
    public List<String> anomalyExamples() { return List.copyOf(anomalyExamples); }

    /** An origin and how many events it is behind. */
    public record OriginCount(String type, String label, long events) {
    }

    public List<OriginCount> topOrigins(int limit) {
        List<OriginCount> all = new ArrayList<>();
        origins.forEach((k, v) -> {
            if (v[0] > 0) {
                all.add(new OriginCount(originTypes.getOrDefault(k, "(other)"), k, v[0]));
            }
        });
        all.sort(Comparator.comparingLong(OriginCount::events).reversed().thenComparing(OriginCount::label));
        return all.size() > limit ? all.subList(0, limit) : all;
    }

    /** A reason an origin stayed unknown, and how often. */
    public record ReasonCount(String reason, long events) {
    }

    public List<ReasonCount> topUnknownReasons(int limit) {
        List<ReasonCount> all = new ArrayList<>();
        unknownReasons.forEach((k, v) -> {
            if (v[0] > 0) {
                all.add(new ReasonCount(k, v[0]));
            }
        });
        all.sort(Comparator.comparingLong(ReasonCount::events).reversed().thenComparing(ReasonCount::reason));
        return all.size() > limit ? all.subList(0, limit) : all;
    }
}
