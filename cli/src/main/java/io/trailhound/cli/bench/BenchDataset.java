package io.trailhound.cli.bench;

import io.trailhound.core.ingest.InputFinder;
import io.trailhound.core.ingest.InputSource;
import io.trailhound.synth.GenerateResult;
import io.trailhound.synth.GeneratorConfig;
import io.trailhound.synth.OrgGenerator;
import io.trailhound.synth.OutputLayout;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A generated dataset in the bench cache: {@code <cacheDir>/seed-<seed>-events-<N>/}, the
 * generator's output (S3 layout) plus a marker file written last. A folder without the marker, or
 * whose marker does not match what would be generated now, is half-written or stale and is
 * generated again.
 *
 * @param files   the log files, as {@code trailhound scan <logsRoot>} finds them (name order)
 */
public record BenchDataset(Path dir, Path logsRoot, long events, List<Path> files, long compressedBytes, boolean reused) {

    static final String MARKER = "bench-dataset.properties";
    /** Changes when the way a dataset is scaled or laid out changes, so older caches are rebuilt. */
    private static final String FORMAT = "1";

    static Path folder(Path cacheDir, long seed, long events) {
        return cacheDir.resolve("seed-" + seed + "-events-" + events);
    }

    /** The generator settings for {@code events} records: the organisation grows with the volume. */
    static GeneratorConfig generatorConfig(long events, long seed, Path outDir) {
        long n = Math.max(BenchConfig.MIN_EVENTS, events);
        int accounts = (int) clamp(Math.round(Math.sqrt(n / 2000.0)), 2, 40);
        int users = (int) clamp(n / 1000, 5, 2000);
        int days = n <= 50_000 ? 1 : n <= 1_000_000 ? 2 : 3;
        return new GeneratorConfig(seed, accounts, users, days, n, GeneratorConfig.DEFAULT_START, OutputLayout.S3, outDir);
    }

    /** The cached dataset, generated first when absent, incomplete or stale. */
    public static BenchDataset obtain(Path cacheDir, long events, long seed, Consumer<String> log) throws IOException {
        Path dir = folder(cacheDir, seed, events);
        GeneratorConfig config = generatorConfig(events, seed, dir);
        Properties marker = readMarker(dir);
        if (marker != null && matches(marker, config)) {
            Path logsRoot = dir.resolve(marker.getProperty("logsRoot"));
            List<Path> files = Files.isDirectory(logsRoot) ? listFiles(logsRoot) : List.of();
            if (files.size() == Integer.parseInt(marker.getProperty("logFiles"))) {
                log.accept("using cached dataset " + dir + " (" + marker.getProperty("eventsWritten") + " events, "
                        + files.size() + " files)");
                return new BenchDataset(dir, logsRoot, Long.parseLong(marker.getProperty("eventsWritten")), files,
                        Long.parseLong(marker.getProperty("bytes")), true);
            }
            log.accept("cached dataset " + dir + " is missing files; generating it again");
        }
        if (Files.exists(dir)) {
            deleteTree(dir);
        }
        Files.createDirectories(dir);
        log.accept("generating " + events + " events (" + config.accounts() + " accounts, " + config.users()
                + " users, " + config.days() + (config.days() == 1 ? " day" : " days") + ") into " + dir + "…");
        GenerateResult result = new OrgGenerator(config).generate(new ProgressSteps(events, log));
        List<Path> files = listFiles(result.logsRoot());
        Properties p = new Properties();
        p.setProperty("format", FORMAT);
        p.setProperty("seed", Long.toString(config.seed()));
        p.setProperty("accounts", Integer.toString(config.accounts()));
        p.setProperty("users", Integer.toString(config.users()));
        p.setProperty("days", Integer.toString(config.days()));
        p.setProperty("eventsRequested", Long.toString(config.events()));
        p.setProperty("start", config.start().toString());
        p.setProperty("layout", config.layout().name());
        p.setProperty("eventsWritten", Long.toString(result.events()));
        p.setProperty("logFiles", Integer.toString(files.size()));
        p.setProperty("bytes", Long.toString(result.bytes()));
        p.setProperty("logsRoot", dir.relativize(result.logsRoot()).toString());
        writeMarker(dir, p);
        log.accept("generated " + result.events() + " events in " + files.size() + " files ("
                + result.bytes() / 1000 + " kB compressed)");
        return new BenchDataset(dir, result.logsRoot(), result.events(), files, result.bytes(), false);
    }

    /**
     * The external-keys dataset ({@link io.trailhound.synth.ExternalKeysGenerator}): {@code events}
     * records made with keys issued before the logs, {@code eventsPerKey} records a key; cached as
     * {@code seed-<seed>-external-<k>-events-<N>/}.
     */
    static BenchDataset obtainExternal(Path cacheDir, long events, int eventsPerKey, long seed, Consumer<String> log)
            throws IOException {
        Path dir = cacheDir.resolve("seed-" + seed + "-external-" + eventsPerKey + "-events-" + events);
        Properties marker = readMarker(dir);
        if (marker != null && ("external-" + FORMAT).equals(marker.getProperty("format"))) {
            Path logsRoot = dir.resolve("logs");
            List<Path> files = listFiles(logsRoot);
            if (files.size() == Integer.parseInt(marker.getProperty("logFiles"))) {
                return new BenchDataset(dir, logsRoot, Long.parseLong(marker.getProperty("eventsWritten")), files,
                        Long.parseLong(marker.getProperty("bytes")), true);
            }
        }
        if (Files.exists(dir)) {
            deleteTree(dir);
        }
        Path logsRoot = Files.createDirectories(dir.resolve("logs"));
        log.accept("generating " + events + " events, " + eventsPerKey + " per key issued outside the logs, into " + dir + "…");
        long written = new io.trailhound.synth.ExternalKeysGenerator(seed, events, eventsPerKey, GeneratorConfig.DEFAULT_START)
                .generate(logsRoot);
        List<Path> files = listFiles(logsRoot);
        long bytes = 0;
        for (Path f : files) {
            bytes += Files.size(f);
        }
        Properties p = new Properties();
        p.setProperty("format", "external-" + FORMAT);
        p.setProperty("eventsWritten", Long.toString(written));
        p.setProperty("logFiles", Integer.toString(files.size()));
        p.setProperty("bytes", Long.toString(bytes));
        p.setProperty("logsRoot", "logs");
        writeMarker(dir, p);
        return new BenchDataset(dir, logsRoot, written, files, bytes, false);
    }

    Path marker() {
        return dir.resolve(MARKER);
    }

    /** The inputs {@code scan} would read under the logs root, as paths. */
    static List<Path> listFiles(Path logsRoot) {
        InputFinder.Found found = new InputFinder().find(List.of(logsRoot.toString()));
        if (!found.unreadable().isEmpty()) {
            throw new IllegalStateException("cannot read the dataset under " + logsRoot + ": "
                    + found.unreadable().get(0).detail());
        }
        List<Path> files = new ArrayList<>(found.inputs().size());
        for (InputSource in : found.inputs()) {
            files.add(in.path());
        }
        return List.copyOf(files);
    }

    private static boolean matches(Properties p, GeneratorConfig c) {
        return FORMAT.equals(p.getProperty("format"))
                && Long.toString(c.seed()).equals(p.getProperty("seed"))
                && Integer.toString(c.accounts()).equals(p.getProperty("accounts"))
                && Integer.toString(c.users()).equals(p.getProperty("users"))
                && Integer.toString(c.days()).equals(p.getProperty("days"))
                && Long.toString(c.events()).equals(p.getProperty("eventsRequested"))
                && c.start().toString().equals(p.getProperty("start"))
                && c.layout().name().equals(p.getProperty("layout"))
                && p.getProperty("eventsWritten") != null && p.getProperty("logFiles") != null
                && p.getProperty("bytes") != null && p.getProperty("logsRoot") != null;
    }

    private static Properties readMarker(Path dir) {
        Path m = dir.resolve(MARKER);
        if (!Files.isRegularFile(m)) {
            return null;
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(m)) {
            p.load(in);
            Long.parseLong(p.getProperty("eventsWritten", "x"));
            Integer.parseInt(p.getProperty("logFiles", "x"));
            Long.parseLong(p.getProperty("bytes", "x"));
        } catch (IOException | NumberFormatException e) {
            return null;
        }
        return p;
    }

    /** Writes the marker under a temporary name and renames it, so it is either whole or absent. */
    private static void writeMarker(Path dir, Properties p) throws IOException {
        Path tmp = dir.resolve(MARKER + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            p.store(out, "trailhound bench dataset: complete (written after the generator finished)");
        }
        try {
            Files.move(tmp, dir.resolve(MARKER), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, dir.resolve(MARKER), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }

    private static long clamp(long v, long lo, long hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    /** Logs generation progress at every tenth of the way. */
    private static final class ProgressSteps implements java.util.function.LongConsumer {
        private final long total;
        private final Consumer<String> log;
        private int lastTenth;

        ProgressSteps(long total, Consumer<String> log) {
            this.total = Math.max(1, total);
            this.log = log;
        }

        @Override
        public void accept(long written) {
            int tenth = (int) Math.min(10, written * 10 / total);
            if (tenth > lastTenth && tenth < 10) {
                lastTenth = tenth;
                log.accept("generating… " + written + " / " + total + " events");
            }
        }
    }
}
