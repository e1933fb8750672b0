package io.trailhound.web;

import io.trailhound.store.DuckDb;
import io.trailhound.store.EventStore;
import java.nio.file.Path;

/**
 * Run in a child JVM: opens a store read-write, as a running scan does (answering readers on its
 * socket), and holds it until stdin closes. With {@code --no-readers} it holds the file's lock
 * without answering readers, as a writer that has not begun to listen does (or one on a file
 * system without Unix sockets).
 */
public final class HoldStore {
    private HoldStore() {
    }

    public static void main(String[] args) throws Exception {
        boolean answers = args.length < 2 || !args[1].equals("--no-readers");
        try (AutoCloseable held = answers ? EventStore.open(args[0], false) : DuckDb.open(Path.of(args[0]), 1)) {
            System.out.println("holding " + args[0]);
            System.out.flush();
            while (System.in.read() >= 0) {
                // wait for the test to close our stdin
            }
        }
    }
}
