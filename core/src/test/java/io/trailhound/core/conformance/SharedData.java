package io.trailhound.core.conformance;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates {@code ../shared} (data from other projects, never copied into this repository). Tests
 * that need it skip, saying why, where it is absent.
 */
public final class SharedData {
    private SharedData() {
    }

    public static Path dir(String relative) {
        String prop = System.getProperty("trailhound.shared");
        Path root = prop != null ? Path.of(prop) : Path.of("..", "..", "shared");
        if (!Files.isDirectory(root)) {
            root = Path.of("..", "shared");
        }
        Path p = root.resolve(relative).normalize();
        assumeTrue(Files.isDirectory(p), "skipped: shared data " + p.toAbsolutePath()
                + " is absent (CI provides ../shared beside the repository)");
        return p;
    }
}
