package io.trailhound.cli.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * jq over the same files: {@code xargs -0 -P <threads> -n <batch> sh -c 'gzip -dc -- "$@" | jq -c FILTER'},
 * with the file list on xargs' standard input. Each xargs worker is one gzip | jq pipeline over a
 * batch of files; the matching records come out one per line and are counted here by newline
 * (interleaved writes from parallel workers never add or lose a newline).
 */
final class JqPeer {
    static final String FILTER = ".Records[] | select(.eventName == \"ConsoleLogin\")";
    private static final String PIPELINE = "gzip -dc -- \"$@\" | jq -c '" + FILTER + "'";

    private final Path listFile;
    private final Path errFile;
    private final int threads;
    private final int batch;
    private final String version;

    private JqPeer(Path listFile, Path errFile, int threads, int batch, String version) {
        this.listFile = listFile;
        this.errFile = errFile;
        this.threads = threads;
        this.batch = batch;
        this.version = version;
    }

    /** Why jq cannot run here (a missing tool), or null when it can. */
    static String unavailableReason() {
        for (String[] probe : new String[][] {{"jq", "--version"}, {"gzip", "--version"}, {"xargs", "--version"}, {"sh", "-c", "true"}}) {
            String failure = tryRun(probe);
            if (failure != null) {
                return "jq row skipped: `" + String.join(" ", probe) + "` " + failure;
            }
        }
        return null;
    }

    static JqPeer prepare(List<Path> files, int threads, Path workDir) throws IOException {
        Files.createDirectories(workDir);
        Path list = workDir.resolve("jq-files.lst");
        StringBuilder sb = new StringBuilder();
        for (Path f : files) {
            sb.append(f.toAbsolutePath()).append('\0');
        }
        Files.writeString(list, sb, StandardCharsets.UTF_8);
        // Several batches per worker, so workers finish together; bounded so argument lists stay short.
        int batch = (int) Math.max(1, Math.min(256, Math.ceil(files.size() / (threads * 8.0))));
        return new JqPeer(list, workDir.resolve("jq-stderr.txt"), threads, batch, firstLine(new String[] {"jq", "--version"}));
    }

    String version() {
        return version;
    }

    /** The command as a person would type it (file list on standard input). */
    String commandLine() {
        return "xargs -0 -P " + threads + " -n " + batch + " sh -c '" + PIPELINE.replace("'", "'\\''") + "' sh < files.lst";
    }

    /** Runs the pipeline once and returns the number of records jq printed. */
    long run() throws IOException {
        List<String> cmd = new ArrayList<>(List.of("xargs", "-0", "-P", Integer.toString(threads), "-n",
                Integer.toString(batch), "sh", "-c", PIPELINE, "sh"));
        Process p = new ProcessBuilder(cmd)
                .redirectInput(listFile.toFile())
                .redirectError(errFile.toFile())
                .start();
        long lines = 0;
        try (InputStream out = p.getInputStream()) {
            byte[] buf = new byte[1 << 16];
            int r;
            while ((r = out.read(buf)) > 0) {
                for (int i = 0; i < r; i++) {
                    if (buf[i] == '\n') {
                        lines++;
                    }
                }
            }
        }
        int exit;
        try {
            exit = p.waitFor();
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while jq ran", e);
        }
        if (exit != 0) {
            String err = Files.exists(errFile) ? Files.readString(errFile, StandardCharsets.UTF_8).strip() : "";
            throw new IOException("jq pipeline exited with " + exit + (err.isEmpty() ? "" : ": " + head(err)));
        }
        return lines;
    }

    void cleanUp() {
        try {
            Files.deleteIfExists(listFile);
            Files.deleteIfExists(errFile);
        } catch (IOException ignored) {
            // a leftover list in the cache folder is harmless
        }
    }

    private static String tryRun(String[] cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "did not finish";
            }
            return p.exitValue() == 0 ? null : "exited with " + p.exitValue();
        } catch (IOException e) {
            return "cannot be started (not installed?)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "was interrupted";
        }
    }

    private static String firstLine(String[] cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            p.waitFor(20, TimeUnit.SECONDS);
            return head(out);
        } catch (IOException e) {
            return "unknown version";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown version";
        }
    }

    private static String head(String s) {
        int nl = s.indexOf('\n');
        String first = nl < 0 ? s : s.substring(0, nl);
        return first.length() > 300 ? first.substring(0, 300) + "…" : first;
    }
}
