package io.trailhound.cli.bench;

import io.trailhound.cli.bench.BenchHarness.Tally;
import java.io.IOException;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * How every bench row is timed: one warm-up round, then rounds that each run every row once,
 * starting one row later each round, so a slow spell of a shared machine falls on all rows alike;
 * each row keeps its median. Used by {@code trailhound bench} and by the benchmarks outside the
 * shipped jar (the {@code bench} module's S3 scan), so both time alike.
 */
public final class BenchRounds {
    private BenchRounds() {
    }

    /** A row's work: reads the whole dataset once and says what it saw. */
    @FunctionalInterface
    public interface Task {
        Tally run() throws IOException, SQLException;
    }

    /** One row being measured: its warm-up outcome, its timed runs, or why it could not run. */
    public static final class Measured {
        final String id;
        String description;
        Task task;
        Tally first;
        double[] seconds = new double[0];
        double warmUpSeconds;
        String failure;
        /** A peer may fail (it is reported); a Trailhound row failing stops the run. */
        boolean peer;
        /** Records in the dataset the row reads, when not the main dataset's. */
        long events;
        /** Whether to keep the process's peak resident memory over the row's runs ({@link PeakRss}). */
        boolean trackRss;
        /** The highest peak resident memory of the row's runs (bytes), -1 when not tracked or unknown. */
        long peakRss = -1;

        public Measured(String id, String description, Task task) {
            this.id = id;
            this.description = description;
            this.task = task;
        }

        public String id() {
            return id;
        }

        public double median() {
            return BenchRounds.median(seconds);
        }

        /** What the warm-up run saw (every timed run saw the same). */
        public Tally first() {
            return first;
        }

        BenchReport.Row row(long events, long inflated, double floorEps) {
            if (failure != null) {
                return BenchReport.Row.unavailable(id, description);
            }
            double s = median();
            double eps = events / s;
            return new BenchReport.Row(id, description, s, eps, inflated / 1e6 / s, eps / floorEps, true);
        }
    }

    /**
     * A warm-up round, then {@code repeats} rounds; each round runs every row once, starting one
     * row later than the round before. A row that throws (a peer) is dropped with the reason; a
     * Trailhound row that throws, or sees other data than on its warm-up, stops the run.
     */
    public static void time(List<Measured> measured, int repeats, Consumer<String> log) throws IOException {
        for (Measured m : measured) {
            log.accept("warming up " + m.id + "…");
            try {
                long t0 = System.nanoTime();
                resetRss(m);
                m.first = m.task.run();
                readRss(m);
                m.warmUpSeconds = (System.nanoTime() - t0) / 1e9;
                m.seconds = new double[repeats];
            } catch (IOException | SQLException | RuntimeException | LinkageError e) {
                failed(m, e, e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
        int rows = measured.size();
        for (int round = 0; round < repeats; round++) {
            for (int k = 0; k < rows; k++) {
                Measured m = measured.get((round + k) % rows);
                if (m.failure != null) {
                    continue;
                }
                log.accept("measuring " + m.id + " " + (round + 1) + "/" + repeats + "…");
                System.gc();
                try {
                    resetRss(m);
                    long t0 = System.nanoTime();
                    Tally t = m.task.run();
                    m.seconds[round] = (System.nanoTime() - t0) / 1e9;
                    readRss(m);
                    if (!t.sameOutcome(m.first)) {
                        failed(m, null, "saw different data on timed run " + (round + 1) + " (" + t + ") than on the warm-up ("
                                + m.first + ")");
                    }
                } catch (IOException | SQLException | RuntimeException | LinkageError e) {
                    failed(m, e, "failed on timed run " + (round + 1) + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
                }
            }
        }
    }

    private static void resetRss(Measured m) {
        if (m.trackRss) {
            PeakRss.reset();
        }
    }

    private static void readRss(Measured m) {
        if (m.trackRss) {
            m.peakRss = Math.max(m.peakRss, PeakRss.read());
        }
    }

    private static void failed(Measured m, Throwable cause, String why) throws IOException {
        if (m.peer) {
            m.failure = why;
            return;
        }
        if (cause instanceof IOException io) {
            throw io;
        }
        if (cause instanceof RuntimeException re) {
            throw re;
        }
        if (cause instanceof Error err) {
            throw err;
        }
        throw new IllegalStateException(m.id + " " + why, cause);
    }

    /** How far apart the fastest and slowest timed run of each row were: the machine's noise. */
    public static String spread(List<Measured> measured) {
        StringBuilder sb = new StringBuilder("Spread of timed runs (fastest–slowest s):");
        for (Measured m : measured) {
            if (m.failure == null && m.seconds.length > 0) {
                double[] v = m.seconds.clone();
                Arrays.sort(v);
                sb.append(String.format(Locale.ROOT, " %s %.3f–%.3f;", m.id, v[0], v[v.length - 1]));
            }
        }
        sb.setLength(sb.length() - 1);
        sb.append(". Warm-up runs (each row's first in this JVM; the earlier rows also pay for JIT compilation of shared code, as a one-off CLI run would):");
        for (Measured m : measured) {
            if (m.failure == null) {
                sb.append(String.format(Locale.ROOT, " %s %.3f;", m.id, m.warmUpSeconds));
            }
        }
        sb.setLength(sb.length() - 1);
        return sb.append(" s.").toString();
    }

    public static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
}
