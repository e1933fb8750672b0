package io.trailhound.cli;

import io.trailhound.core.ingest.IngestProgress;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * One self-overwriting progress line on stderr (files, events/s, ETA), shown only when stderr is
 * a terminal so logs and pipes stay clean. Results go to stdout, never here.
 */
final class Progress implements IngestProgress {
    private final PrintStream err;
    private final long startNanos = System.nanoTime();
    private int lastLength;

    private Progress(PrintStream err) {
        this.err = err;
    }

    /** A progress line on stderr when it is a terminal (or when forced), else nothing. */
    static IngestProgress forStderr(Boolean forced) {
        boolean on = forced != null ? forced : stderrIsTerminal();
        return on ? new Progress(System.err) : IngestProgress.NONE;
    }

    static boolean stderrIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (Exception e) {
            return System.console() != null;
        }
    }

    @Override
    public void update(int filesDone, int filesTotal, long bytesDone, long bytesTotal, long records) {
        double secs = Math.max(1e-3, (System.nanoTime() - startNanos) / 1e9);
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "files %d/%d  %,d events  %,.0f ev/s", filesDone, filesTotal, records, records / secs));
        if (bytesTotal > 0 && bytesDone > 0) {
            double frac = Math.min(1.0, (double) bytesDone / bytesTotal);
            long eta = (long) (secs / frac - secs);
            sb.append(String.format(Locale.ROOT, "  %3.0f%%  ETA %d:%02d", frac * 100, eta / 60, eta % 60));
        }
        String line = sb.toString();
        err.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
        lastLength = line.length();
        if (filesDone == filesTotal) {
            err.print("\r" + " ".repeat(lastLength) + "\r");
            lastLength = 0;
        }
        err.flush();
    }
}
