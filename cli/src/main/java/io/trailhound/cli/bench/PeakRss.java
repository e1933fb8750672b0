package io.trailhound.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The process's peak resident memory (Linux VmHWM), reset before a row runs (writing 5 to
 * /proc/self/clear_refs) so it tells that row's peak: the JVM's heap as the rows before left it,
 * plus what the row added (DuckDB's memory is native, outside the heap). -1 where /proc is absent.
 */
final class PeakRss {
    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");

    private PeakRss() {
    }

    static void reset() {
        try {
            Files.writeString(CLEAR_REFS, "5");
        } catch (IOException | UnsupportedOperationException | SecurityException ignored) {
            // not Linux, or not allowed: read() then tells the peak since the process started
        }
    }

    /** Peak resident bytes since the last reset, or -1 when unknown. */
    static long read() {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException | SecurityException ignored) {
            // unknown
        }
        return -1;
    }
}
