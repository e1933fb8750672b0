package io.trailhound.web;

import io.trailhound.store.EventStore;

/** Run in a child JVM: opens a store read-write, as a running scan does, and holds it until stdin closes. */
public final class HoldStore {
    private HoldStore() {
    }

    public static void main(String[] args) throws Exception {
        try (EventStore s = EventStore.open(args[0], false)) {
            System.out.println("holding " + s.location());
            System.out.flush();
            while (System.in.read() >= 0) {
                // wait for the test to close our stdin
            }
        }
    }
}
