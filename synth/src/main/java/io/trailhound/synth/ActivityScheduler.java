package io.trailhound.synth;

import java.io.IOException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * Drives the simulation in time order, five-minute window by window. The events budget is spread
 * over windows by activity weight (people and CI follow working hours, machines run around the
 * clock); inside a window, slots are spaced so the window's share is met, and each slot goes to an
 * actor drawn by weight. Each budget group gets a fixed share of all events.
 */
final class ActivityScheduler {
    static final long WINDOW = 5 * 60_000L;
    private static final long DAY = 86_400_000L;

    /** Share of the events budget per group; attack stories come on top (a few dozen events). */
    static final Map<Actor.Group, Double> SHARES = new EnumMap<>(Map.of(
            Actor.Group.HUMAN, 0.40,
            Actor.Group.SERVICE_USER, 0.12,
            Actor.Group.PIPELINE, 0.08,
            Actor.Group.EC2, 0.26,
            Actor.Group.LAMBDA, 0.135,
            Actor.Group.SERVICE_EVENT, 0.005));

    private final World w;
    private final List<Actor> actors;
    private final AttackStories stories;
    private final LogSink sink;
    private final long start;
    private final long end;
    private final long events;
    private final long firstBoundary;
    private final int windows;
    private final Map<Actor.Group, Double> groupWeight = new EnumMap<>(Actor.Group.class);
    private final Map<Actor.Group, Double> groupAverageFactor = new EnumMap<>(Actor.Group.class);
    private final Mix[] mixes = new Mix[48];
    private final long[] eventsByGroup = new long[Actor.Group.values().length];

    ActivityScheduler(World w, List<Actor> actors, AttackStories stories, LogSink sink, GeneratorConfig config) {
        this.w = w;
        this.actors = actors;
        this.stories = stories;
        this.sink = sink;
        this.start = config.start().toEpochMilli();
        this.end = start + config.days() * DAY;
        this.events = config.events();
        this.firstBoundary = Math.floorDiv(start, WINDOW) * WINDOW;
        this.windows = (int) ((end - firstBoundary + WINDOW - 1) / WINDOW);
        for (Actor a : actors) {
            groupWeight.merge(a.group, a.weight, Double::sum);
        }
        for (Actor.Group g : Actor.Group.values()) {
            double sum = 0;
            double covered = 0;
            for (int i = 0; i < windows; i++) {
                double c = coverage(i);
                sum += c * factor(g, mixKey(windowStart(i)));
                covered += c;
            }
            groupAverageFactor.put(g, sum / covered);
        }
    }

    void run(LongConsumer progress) throws IOException {
        double total = 0;
        for (int i = 0; i < windows; i++) {
            total += coverage(i) * mix(windowStart(i)).total;
        }
        double cumulative = 0;
        EventEmitter out = w.out;
        for (int i = 0; i < windows; i++) {
            long ws = windowStart(i);
            long we = Math.min(end, firstBoundary + (i + 1) * WINDOW);
            Mix mix = mix(ws);
            cumulative += coverage(i) * mix.total;
            long target = Math.round(events * Math.min(1.0, cumulative / total));
            sink.beginWindow(firstBoundary + i * WINDOW);
            long atStart = out.count();
            long need = target - atStart;
            if (need > 0) {
                double spacing = (we - ws) / (double) need;
                while (out.count() < target) {
                    long t = ws + (long) ((out.count() - atStart + w.rng.nextDouble()) * spacing);
                    stories.runDue(t);
                    if (out.count() >= target) {
                        break;
                    }
                    Actor a = mix.pick(w.rng.nextDouble());
                    long before = out.count();
                    a.step(t);
                    eventsByGroup[a.group.ordinal()] += out.count() - before;
                }
            }
            stories.runDue(we - 1);
            sink.endWindow();
            progress.accept(out.count());
        }
    }

    /** Events written per budget group (attack stories excluded). */
    Map<String, Long> eventsByGroup() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (Actor.Group g : Actor.Group.values()) {
            m.put(g.name().toLowerCase(Locale.ROOT).replace('_', '-'), eventsByGroup[g.ordinal()]);
        }
        return m;
    }

    private long windowStart(int i) {
        return Math.max(start, firstBoundary + i * WINDOW);
    }

    /** Fraction of window i inside [start, end). */
    private double coverage(int i) {
        long ws = windowStart(i);
        long we = Math.min(end, firstBoundary + (i + 1) * WINDOW);
        return (we - ws) / (double) WINDOW;
    }

    private static int mixKey(long t) {
        ZonedDateTime z = Instant.ofEpochMilli(t).atZone(ZoneOffset.UTC);
        boolean weekend = z.getDayOfWeek() == DayOfWeek.SATURDAY || z.getDayOfWeek() == DayOfWeek.SUNDAY;
        return (weekend ? 24 : 0) + z.getHour();
    }

    /** How busy a group is at a time of week (UTC working hours), before normalisation. */
    static double factor(Actor.Group g, int mixKey) {
        boolean weekend = mixKey >= 24;
        int hour = mixKey % 24;
        boolean work = hour >= 8 && hour <= 17;
        return switch (g) {
            case HUMAN -> {
                double base = work ? 1.0 : (hour == 7 || hour == 18) ? 0.5 : (hour >= 19 && hour <= 21) ? 0.15 : 0.03;
                yield weekend ? base * 0.12 : base;
            }
            case PIPELINE -> {
                double base = hour >= 8 && hour <= 19 ? 1.0 : 0.25;
                yield weekend ? base * 0.2 : base;
            }
            case SERVICE_USER -> weekend ? 0.6 : work ? 1.0 : 0.6;
            case EC2, LAMBDA, SERVICE_EVENT -> 1.0;
        };
    }

    private Mix mix(long t) {
        int key = mixKey(t);
        Mix m = mixes[key];
        if (m == null) {
            double[] cumulative = new double[actors.size()];
            double sum = 0;
            for (int i = 0; i < actors.size(); i++) {
                Actor a = actors.get(i);
                double groupTotal = groupWeight.get(a.group);
                double share = SHARES.get(a.group);
                sum += share * (a.weight / groupTotal) * factor(a.group, key) / groupAverageFactor.get(a.group);
                cumulative[i] = sum;
            }
            m = new Mix(actors, cumulative);
            mixes[key] = m;
        }
        return m;
    }

    /** Actor weights for one hour of the week, as a cumulative table for drawing. */
    private static final class Mix {
        final List<Actor> actors;
        final double[] cumulative;
        final double total;

        Mix(List<Actor> actors, double[] cumulative) {
            this.actors = actors;
            this.cumulative = cumulative;
            this.total = cumulative[cumulative.length - 1];
        }

        Actor pick(double u) {
            double x = u * total;
            int lo = 0;
            int hi = cumulative.length - 1;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (cumulative[mid] <= x) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return actors.get(lo);
        }
    }
}
