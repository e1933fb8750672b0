package io.trailhound.core.ingest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** One input to read: a file, stdin, or (in tests and benchmarks) bytes in memory. */
public final class InputSource {
    /** Opens the input's bytes; called once per read. */
    @FunctionalInterface
    public interface Opener {
        InputStream open() throws IOException;
    }

    private final String name;
    private final Path path;
    private final long size;
    private final boolean fromDirectoryWalk;
    private final Opener opener;

    private InputSource(String name, Path path, long size, boolean fromDirectoryWalk, Opener opener) {
        this.name = name;
        this.path = path;
        this.size = size;
        this.fromDirectoryWalk = fromDirectoryWalk;
        this.opener = opener;
    }

    public static InputSource file(Path path) {
        long size;
        try {
            size = Files.size(path);
        } catch (IOException e) {
            size = -1;
        }
        return file(path, size, false);
    }

    static InputSource file(Path path, long size, boolean fromDirectoryWalk) {
        return new InputSource(path.toString(), path, size, fromDirectoryWalk, () -> Files.newInputStream(path));
    }

    /**
     * An input another system opens (the Flink job's file source): {@code name} is what quarantine
     * entries and alerts quote; {@code fromDirectoryWalk} as for files found by walking a directory.
     */
    public static InputSource opened(String name, long size, boolean fromDirectoryWalk, Opener opener) {
        return new InputSource(name, null, size, fromDirectoryWalk, opener);
    }

    public static InputSource stdin() {
        return new InputSource("<stdin>", null, -1, false, () -> System.in);
    }

    public static InputSource bytes(String name, byte[] bytes) {
        return new InputSource(name, null, bytes.length, false, () -> new ByteArrayInputStream(bytes));
    }

    public String name() { return name; }
    /** The file, or null for stdin and in-memory inputs. */
    public Path path() { return path; }
    /** Size in bytes as stored (compressed), or -1 when unknown. */
    public long size() { return size; }
    /** True for files found by walking a directory, where non-JSON files (READMEs, manifests) are skipped, not quarantined. */
    public boolean fromDirectoryWalk() { return fromDirectoryWalk; }

    public InputStream open() throws IOException {
        return opener.open();
    }

    @Override
    public String toString() {
        return name;
    }
}
