package io.trailhound.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Where the process writing a store answers readers: a Unix domain socket in a folder only its
 * owner may enter, {@code <store>.readers/s} beside the store, or, when that path is longer than a
 * socket address holds (about 100 bytes), {@code <tmp>/trailhound-<user>/<hash of the store's path>/s}.
 * Writer and readers work the same path out from the store's.
 */
final class ReaderSocket {
    /** sun_path holds 108 bytes on Linux, 104 on macOS; with the terminating NUL and some margin. */
    static final int MAX_PATH_BYTES = 100;

    private ReaderSocket() {
    }

    /** The socket's folder for the store at {@code store}. */
    static Path folder(Path store) {
        Path abs = store.toAbsolutePath().normalize();
        Path beside = abs.resolveSibling(abs.getFileName() + ".readers");
        if (beside.resolve("s").toString().getBytes(StandardCharsets.UTF_8).length <= MAX_PATH_BYTES) {
            return beside;
        }
        String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9_.-]", "_");
        return Path.of(System.getProperty("java.io.tmpdir"), "trailhound-" + user, hash(abs.toString()));
    }

    static Path socket(Path store) {
        return folder(store).resolve("s");
    }

    /** Makes the folder (owner-only) for a writer about to listen; a socket left by a killed writer is removed. */
    static Path prepare(Path store) throws IOException {
        Path dir = folder(store);
        Path parent = dir.getParent();
        if (!Files.isDirectory(parent)) {
            Files.createDirectories(parent, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        if (!Files.isDirectory(dir)) {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        // A folder someone else made (in a shared temporary folder, say) could be swapped under us: not used.
        String me = System.getProperty("user.name");
        boolean beside = parent.equals(store.toAbsolutePath().normalize().getParent());
        if (!Files.getOwner(dir).getName().equals(me) || !beside && !Files.getOwner(parent).getName().equals(me)) {
            throw new IOException("the readers' folder " + dir + " or the one holding it belongs to another user");
        }
        // Ours, but opened up since: owner-only again.
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        Path socket = dir.resolve("s");
        // This process holds the store's lock: a socket here is a killed writer's.
        Files.deleteIfExists(socket);
        return socket;
    }

    private static String hash(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)))
                    .substring(0, 24);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
