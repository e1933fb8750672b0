package io.trailhound.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The CLI in a child JVM with the tests' classpath, for what one JVM cannot show: a kill -9 in
 * the middle of a run, and two processes on one store. stdout and stderr go to files (a pipe
 * nobody reads would stall the child); stdin stays a pipe the test may write to.
 */
record ChildCli(Process process, Path stdoutFile, Path stderrFile) {

    /** Starts {@code trailhound ARGS...}; its output goes to {@code logs/NAME.out} and {@code logs/NAME.err}. */
    static ChildCli start(Path logs, String name, String... args) throws IOException {
        Files.createDirectories(logs);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        Path out = logs.resolve(name + ".out");
        Path err = logs.resolve(name + ".err");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        return new ChildCli(p, out, err);
    }

    /** Waits for the end; a child still running after {@code seconds} is killed and reported. */
    int waitFor(long seconds) throws IOException, InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            kill();
            throw new AssertionError("the child CLI ran past " + seconds + " s; stderr: " + stderr());
        }
        return process.exitValue();
    }

    /** SIGKILL (Process.destroyForcibly is kill -9 on Linux), then waits for it to be gone; returns the exit value. */
    int kill() throws InterruptedException {
        process.destroyForcibly();
        return process.waitFor();
    }

    String stderr() throws IOException {
        return Files.readString(stderrFile, StandardCharsets.UTF_8);
    }

    /** Exit value of a child killed by SIGKILL (128 + 9). */
    static final int KILLED = 137;
}
