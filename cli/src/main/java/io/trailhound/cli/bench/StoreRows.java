package io.trailhound.cli.bench;

import io.trailhound.core.identity.TrustPolicies;
import io.trailhound.core.ingest.IngestProgress;
import io.trailhound.core.ingest.ReadLimits;
import io.trailhound.core.rules.engine.Detector;
import io.trailhound.core.scan.ScanOptions;
import io.trailhound.store.DuckDb;
import io.trailhound.store.EventStore;
import io.trailhound.store.StoreScan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Stream;

/**
 * The store rows: {@code scan --db} into a new store file, and DuckDB's own {@code CREATE TABLE
 * AS SELECT} of the same hot columns plus the raw record from {@code read_json} of the same files
 * into a new database file. Each run starts from no file, so every run writes the whole dataset.
 */
final class StoreRows {
    static final String SCAN_DB = "scan --db";
    static final String DUCKDB_CTAS = "duckdb-ctas";

    /** The hot columns the store keeps, as DuckDB's JSON operators read them, and the record as text. */
    static final String CTAS_COLUMNS = "r->>'eventID' AS eventID, (r->>'eventTime')::TIMESTAMP AS eventTime, "
            + "r->>'eventSource' AS eventSource, r->>'eventName' AS eventName, r->>'awsRegion' AS awsRegion, "
            + "r->>'sourceIPAddress' AS sourceIPAddress, r->>'userAgent' AS userAgent, r->>'errorCode' AS errorCode, "
            + "r->>'recipientAccountId' AS recipientAccountId, r->>'$.userIdentity.type' AS identityType, "
            + "r->>'$.userIdentity.arn' AS identityArn, r->>'$.userIdentity.accountId' AS identityAccountId, "
            + "r->>'$.userIdentity.accessKeyId' AS accessKeyId, "
            + "r->>'$.userIdentity.sessionContext.sessionIssuer.arn' AS sessionIssuerArn, r::VARCHAR AS raw";

    private final Path workDir;

    StoreRows(Path workDir) {
        this.workDir = workDir;
    }

    /** {@code trailhound scan --db} as run by default (attribution, built-in pack, batches) into a new file. */
    BenchHarness.Tally scanIntoStore(Path logsRoot, int threads, Detector builtin) throws IOException {
        Path file = fresh("store.duckdb");
        long[] alerts = new long[1];
        try (EventStore store = EventStore.open(file.toString(), false)) {
            StoreScan.Result r = StoreScan.run(store, List.of(logsRoot.toString()),
                    new ScanOptions(ReadLimits.defaults(), threads, null), TrustPolicies.none(), null, IngestProgress.NONE,
                    new StoreScan.Detect(builtin, null, a -> alerts[0]++));
            if (r.store().committed().eventsAdded() != r.scan().ingest().events()) {
                throw new IllegalStateException("scan --db stored " + r.store().committed().eventsAdded() + " events of "
                        + r.scan().ingest().events());
            }
            BenchHarness.Tally t = new BenchHarness.Tally();
            t.records = r.scan().ingest().records();
            t.duplicates = r.scan().ingest().duplicates();
            t.bad = r.scan().ingest().quarantined();
            t.alerts = alerts[0];
            return t;
        } finally {
            clean();
        }
    }

    /** DuckDB: the same files into a table of hot columns and raw, in a new database file. */
    BenchHarness.Tally duckDbCtas(String glob, int threads, long maxObjectSize) throws SQLException, IOException {
        Path file = fresh("ctas.duckdb");
        try (DuckDb db = DuckDb.open(file, threads)) {
            // DuckDB's own advice for bulk loads; its memory limit stays its default (80% of RAM): with
            // 1 GB it runs out of memory on these files.
            db.execute("SET preserve_insertion_order = false");
            db.execute(ctasSql(glob, maxObjectSize));
            BenchHarness.Tally t = new BenchHarness.Tally();
            t.records = db.queryLong("SELECT count(*) FROM events");
            return t;
        } finally {
            clean();
        }
    }

    static String ctasSql(String glob, long maxObjectSize) {
        return "CREATE TABLE events AS SELECT " + CTAS_COLUMNS + " FROM (SELECT unnest(Records) AS r FROM read_json("
                + DuckDb.literal(glob) + ", format = 'auto', columns = {'Records': 'JSON[]'}, maximum_object_size = "
                + maxObjectSize + "))";
    }

    private Path fresh(String name) throws IOException {
        clean();
        Files.createDirectories(workDir);
        return workDir.resolve(name);
    }

    /** Removes the row's files (the database, its log and spill folder). */
    void clean() throws IOException {
        if (!Files.exists(workDir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(workDir)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                if (!p.equals(workDir)) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
