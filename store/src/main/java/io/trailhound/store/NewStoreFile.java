package io.trailhound.store;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes a new store file whole or not at all. DuckDB writes a new file's headers only after it
 * has made the file, so a kill in between leaves an empty or half-written file that it refuses
 * to open ever after. Here the store is made and migrated under a name of its own beside the
 * final one, checkpointed, and only then given the final name.
 */
final class NewStoreFile {
    private static final AtomicInteger MADE = new AtomicInteger();

    private NewStoreFile() {
    }

    /** Makes a migrated, empty store at {@code file} unless something is there already (then leaves it be). */
    static void make(Path file) throws SQLException, IOException {
        Path abs = file.toAbsolutePath();
        Files.createDirectories(abs.getParent());
        // A name of its own: two runs (or threads) making the same store at once do not share a half-made file.
        Path fresh = abs.resolveSibling(abs.getFileName() + ".new-" + ProcessHandle.current().pid() + "-" + MADE.incrementAndGet());
        Path freshWal = abs.resolveSibling(fresh.getFileName() + ".wal");
        Files.deleteIfExists(fresh); // left by a killed process that had this pid and count
        Files.deleteIfExists(freshWal);
        try {
            try (DuckDb db = DuckDb.open(fresh, 1)) {
                StoreSchema.migrate(db.connection(), abs.toString(), new EventFiles(EventFiles.beside(abs)));
                db.execute("CHECKPOINT"); // all of it in the file itself: no log to carry along
            }
            place(fresh, abs);
        } finally {
            Files.deleteIfExists(fresh);
            Files.deleteIfExists(freshWal);
        }
    }

    /** Gives {@code fresh} the name {@code file}, never over a file another process made meanwhile. */
    private static void place(Path fresh, Path file) throws IOException {
        try {
            Files.createLink(file, fresh); // link(2) fails when the name is taken: no window between a test and a move
            return;
        } catch (FileAlreadyExistsException e) {
            return; // another run made the store first: that one is used
        } catch (UnsupportedOperationException | IOException e) {
            // no hard links on this file system: a plain move, which does not replace a file either
        }
        try {
            Files.move(fresh, file);
        } catch (FileAlreadyExistsException e) {
            // made meanwhile: that one is used
        }
    }
}
