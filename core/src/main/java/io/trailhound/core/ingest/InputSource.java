package io.trailhound.core.ingest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One input to read: a named stream with a size and, where it has one, a stable identity: a file,
 * stdin, an object in a store such as S3 (opened by its host, read streamed like a file), or (in
 * tests and benchmarks) bytes in memory.
 */
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
    private final String identity;

    private InputSource(String name, Path path, long size, boolean fromDirectoryWalk, Opener opener, String identity) {
        this.name = name;
        this.path = path;
        this.size = size;
        this.fromDirectoryWalk = fromDirectoryWalk;
        this.opener = opener;
        this.identity = identity;
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
        return new InputSource(path.toString(), path, size, fromDirectoryWalk, () -> Files.newInputStream(path), null);
    }

    public static InputSource stdin() {
        return new InputSource("<stdin>", null, -1, false, () -> System.in, null);
    }

    public static InputSource bytes(String name, byte[] bytes) {
        return new InputSource(name, null, bytes.length, false, () -> new ByteArrayInputStream(bytes), null);
    }

    /**
     * A stream its host opens, such as an object in S3 or a split of the Flink job's file source
     * ({@code name} is what quarantine entries and alerts quote). {@code identity}, where non-null, names this content for
     * good (an object's key with its ETag): the same identity, the same bytes, so a store may skip
     * it the next time. {@code listed}: found by listing a prefix, where non-JSON objects are
     * skipped as in a directory walk.
     */
    public static InputSource stream(String name, long size, String identity, boolean listed, Opener opener) {
        return new InputSource(name, null, size, listed, opener, identity);
    }

    public String name() { return name; }
    /** What names this content for good (see {@link #stream}), or null: a file's identity is its content's checksum. */
    public String identity() { return identity; }
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
