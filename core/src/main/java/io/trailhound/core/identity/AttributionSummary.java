package io.trailhound.core.identity;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
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
    private final Map<Confidence, Long> byConfidence = new EnumMap<>(Confidence.class);
    private final Map<String, long[]> origins = new HashMap<>();
    private final Map<String, String> originTypes = new HashMap<>();
    private final Map<String, long[]> unknownReasons = new HashMap<>();
    private final List<String> anomalyExamples = new ArrayList<>();

    void add(boolean chain, Attribution a) {
        events++;
        if (chain) {
            chained++;
            byConfidence.merge(a.confidence(), 1L, Long::sum);
            if (a.confidence() == Confidence.UNKNOWN) {
                count(unknownReasons, generalise(a.reason()));
            }
        }
        if (a.origin() != null) {
            String label = a.origin().label() == null ? "(unnamed)" : a.origin().label();
            if (count(origins, label)) {
                originTypes.put(label, a.origin().type());
            }
        }
        if (!a.anomalies().isEmpty()) {
            anomalies++;
            if (anomalyExamples.size() < 10) {
                anomalyExamples.add(a.anomalies().get(0));
            }
        }
    }

    /** Reasons name keys and event IDs; the summary groups them by their wording. */
    private static String generalise(String reason) {
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

    private static boolean count(Map<String, long[]> map, String key) {
        long[] c = map.get(key);
        boolean added = false;
        if (c == null) {
            String k = map.size() >= MAX_DISTINCT ? "(other)" : key;
            c = map.computeIfAbsent(k, x -> new long[1]);
            added = k.equals(key);
        }
        c[0]++;
        return added;
    }

    /** Events attributed, all kinds. */
    public long events() { return events; }
    /** Events made with temporary credentials whose origin needed the ledger. */
    public long chained() { return chained; }
    public long count(Confidence c) { return byConfidence.getOrDefault(c, 0L); }
    public long anomalies() { return anomalies; }
    public List<String> anomalyExamples() { return List.copyOf(anomalyExamples); }

    /** An origin and how many events it is behind. */
    public record OriginCount(String type, String label, long events) {
    }

    public List<OriginCount> topOrigins(int limit) {
        List<OriginCount> all = new ArrayList<>();
        origins.forEach((k, v) -> all.add(new OriginCount(originTypes.getOrDefault(k, "(other)"), k, v[0])));
        all.sort(Comparator.comparingLong(OriginCount::events).reversed().thenComparing(OriginCount::label));
        return all.size() > limit ? all.subList(0, limit) : all;
    }

    /** A reason an origin stayed unknown, and how often. */
    public record ReasonCount(String reason, long events) {
    }

    public List<ReasonCount> topUnknownReasons(int limit) {
        List<ReasonCount> all = new ArrayList<>();
        unknownReasons.forEach((k, v) -> all.add(new ReasonCount(k, v[0])));
        all.sort(Comparator.comparingLong(ReasonCount::events).reversed().thenComparing(ReasonCount::reason));
        return all.size() > limit ? all.subList(0, limit) : all;
    }
}
