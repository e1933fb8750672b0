package io.trailhound.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code trailhound} launcher's JVM options: a run that writes a store caps the young
 * generation (its resident memory at 1,000,000 events was 2.4 GB without), other commands run as
 * before, and options that size the heap themselves win. The script runs from a copy beside a
 * jar that is not stale, with a {@code java} on the PATH that prints what it was given.
 */
class LauncherOptionsTest {
    @TempDir
    Path tmp;

    private String launch(String javaOpts, String... args) throws IOException, InterruptedException {
        Path script = Path.of("..", "trailhound").toAbsolutePath().normalize();
        assumeTrue(Files.isRegularFile(script) && Files.isExecutable(Path.of("/bin/bash")), "no launcher script or no bash here");
        Path home = Files.createDirectories(tmp.resolve("home"));
        Files.copy(script, home.resolve("trailhound"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.createDirectories(home.resolve("cli/target"));
        Files.writeString(home.resolve("cli/target/trailhound-cli.jar"), "not a jar: nothing here is newer");
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path java = bin.resolve("java");
        Files.writeString(java, "#!/bin/sh\necho \"$@\"\n");
        assumeTrue(java.toFile().setExecutable(true), "cannot make a stub java");
        List<String> command = new ArrayList<>(List.of("/bin/bash", home.resolve("trailhound").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("PATH", bin + ":" + env.getOrDefault("PATH", "/usr/bin:/bin"));
        if (javaOpts == null) {
            env.remove("TRAILHOUND_JAVA_OPTS");
        } else {
            env.put("TRAILHOUND_JAVA_OPTS", javaOpts);
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(p.waitFor()).as(out).isZero();
        return out.substring(0, out.indexOf(" -jar "));
    }

    @Test
    void aRunThatWritesAStoreCapsTheYoungGenerationAndOthersRunAsBefore() throws Exception {
        assertThat(launch(null, "scan", "--db", "x.duckdb", "logs")).isEqualTo("-XX:+UseParallelGC -XX:MaxNewSize=256m");
        assertThat(launch(null, "scan", "--db=x.duckdb", "logs")).isEqualTo("-XX:+UseParallelGC -XX:MaxNewSize=256m");
        assertThat(launch(null, "watch", "--sqs", "https://sqs.example/q")).isEqualTo("-XX:+UseParallelGC -XX:MaxNewSize=256m");
        assertThat(launch(null, "scan", "logs")).isEqualTo("-XX:+UseParallelGC");
        assertThat(launch(null, "who", "--db", "x.duckdb", "AKIA")).isEqualTo("-XX:+UseParallelGC");
        assertThat(launch(null, "bench", "--events", "1000")).isEqualTo("-XX:+UseParallelGC");
        // the user's options come last, and a heap they size is left to them
        assertThat(launch("-Dx=1", "scan", "--db", "x.duckdb", "logs")).isEqualTo("-XX:+UseParallelGC -XX:MaxNewSize=256m -Dx=1");
        assertThat(launch("-Xmx2g", "scan", "--db", "x.duckdb", "logs")).isEqualTo("-XX:+UseParallelGC -Xmx2g");
        assertThat(launch("-XX:MaxRAMPercentage=50", "watch")).isEqualTo("-XX:+UseParallelGC -XX:MaxRAMPercentage=50");
    }
}
