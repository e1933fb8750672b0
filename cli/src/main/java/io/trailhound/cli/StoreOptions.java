package io.trailhound.cli;

import io.trailhound.store.EventStore;
import picocli.CommandLine.Option;

/** {@code --db}: the store the query and prune commands use. */
final class StoreOptions {
    @Option(names = "--db", paramLabel = "PATH",
            description = "The store: a DuckDB file (default: ~/.trailhound/trailhound.duckdb), or :memory:.")
    String db;

    String location() {
        return db != null ? db : EventStore.defaultPath().toString();
    }
}
