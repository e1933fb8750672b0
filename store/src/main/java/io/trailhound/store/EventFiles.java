package io.trailhound.store;

import io.trailhound.core.output.parquet.EventColumns;
import io.trailhound.core.output.parquet.PartitionedEventsWriter.WrittenFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The store's events as Parquet partition files ({@link EventColumns#STORE}) in a directory beside
 * the store file ({@code <store>.events/account=<id>/date=<yyyy-mm-dd>/part-<uuid>.parquet}), and
 * the catalog table {@code event_files} in the DuckDB file that lists them. A file is part of the
 * store once a committed catalog row names it: a batch commits its files' rows in the same
 * transaction as its other rows, so a file on disk that no row names (a batch that did not commit)
 * is removed when the store is next opened for writing. The {@code events} view reads exactly the
 * listed files; it is made again in each transaction that changes the list.
 */
final class EventFiles {
    static final String CATALOG = """
            CREATE TABLE event_files (
                path VARCHAR PRIMARY KEY,
                account VARCHAR NOT NULL,
                date DATE NOT NULL,
                rows BIGINT NOT NULL,
                minTime TIMESTAMP NOT NULL,
                maxTime TIMESTAMP NOT NULL,
                addedAt TIMESTAMP NOT NULL)""";

    /** The {@code events} view's columns with their SQL types, in the files' order (an empty store's view has them too). */
    static final List<String[]> COLUMNS = List.of(
            col("eventID", "VARCHAR"), col("eventTime", "TIMESTAMP"), col("eventSource", "VARCHAR"),
            col("eventName", "VARCHAR"), col("awsRegion", "VARCHAR"), col("sourceIPAddress", "VARCHAR"),
            col("userAgent", "VARCHAR"), col("errorCode", "VARCHAR"), col("recipientAccountId", "VARCHAR"),
            col("identityType", "VARCHAR"), col("identityArn", "VARCHAR"), col("identityAccountId", "VARCHAR"),
            col("accessKeyId", "VARCHAR"), col("sessionIssuerArn", "VARCHAR"), col("sourceFile", "VARCHAR"),
            col("byteOffset", "BIGINT"), col("raw", "VARCHAR"), col("credentialId", "VARCHAR"));

    /** No rows, the {@link #COLUMNS} with their types: the view of a store without event files. */
    static final String EMPTY_EVENTS = emptyEvents();

    private final Path dir;

    private static String emptyEvents() {
        StringBuilder empty = new StringBuilder();
        for (String[] c : COLUMNS) {
            empty.append(empty.length() == 0 ? "" : ", ").append("NULL::").append(c[1]).append(" AS ").append(c[0]);
        }
        return "SELECT " + empty + " WHERE false";
    }

    EventFiles(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    /** {@code <store>.events} beside the store file. */
    static Path beside(Path storeFile) {
        Path abs = storeFile.toAbsolutePath().normalize();
        return abs.resolveSibling(abs.getFileName() + ".events");
    }

    private static String[] col(String name, String type) {
        return new String[] {name, type};
    }

    Path dir() {
        return dir;
    }

    /** The directory as DuckDB's {@code allowed_directories} wants it: a prefix ending in a separator. */
    String allowedPrefix() {
        return dir + "/";
    }

    /** Where a catalog path (relative to the directory) is. */
    Path resolve(String catalogPath) {
        return dir.resolve(catalogPath);
    }

    /** The catalog path of a file in the directory. */
    String catalogPath(Path file) {
        return dir.relativize(file.toAbsolutePath().normalize()).toString();
    }

    /**
     * Makes the {@code events} view again over the files the catalog lists (as the transaction of
     * {@code s} sees it). Files in time order, so a query that stops early reads the oldest first;
     * an empty catalog gives an empty view with the same columns.
     */
    void rebuildView(Statement s) throws SQLException {
        List<String> paths = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("SELECT path FROM event_files ORDER BY minTime, path")) {
            while (rs.next()) {
                paths.add(rs.getString(1));
            }
        }
        StringBuilder names = new StringBuilder();
        for (String[] c : COLUMNS) {
            names.append(names.length() == 0 ? "" : ", ").append(c[0]);
        }
        String body;
        if (paths.isEmpty()) {
            body = EMPTY_EVENTS;
        } else {
            StringBuilder list = new StringBuilder("[");
            for (int i = 0; i < paths.size(); i++) {
                list.append(i == 0 ? "" : ", ").append(DuckDb.literal(resolve(paths.get(i)).toString()));
            }
            body = "SELECT " + names + " FROM read_parquet(" + list.append("]") + ")";
        }
        s.execute("CREATE OR REPLACE VIEW events AS " + body);
    }

    /**
     * Makes the view again when it names files in another folder than this store's (the file was
     * copied or moved with its folder: DuckDB reads only absolute paths inside the allowed folder).
     * On a connection opened for writing, in a transaction of its own.
     */
    void relink(java.sql.Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT sql FROM duckdb_views() WHERE view_name = 'events' AND schema_name = 'main' "
                     + "AND NOT internal")) {
            if (!rs.next() || !rs.getString(1).contains("read_parquet(") || rs.getString(1).contains("'" + allowedPrefix().replace("'", "''"))) {
                return;
            }
        }
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            rebuildView(s);
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }

    /** Adds catalog rows for {@code files} (written by this process into the directory). */
    void register(java.sql.Connection c, List<WrittenFile> files) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO event_files VALUES (?, ?, ?::DATE, ?, "
                + "make_timestamp(?::BIGINT * 1000), make_timestamp(?::BIGINT * 1000), current_timestamp::TIMESTAMP)")) {
            for (WrittenFile f : files) {
                String path = catalogPath(f.path());
                ps.setString(1, path);
                ps.setString(2, partitionValue(path, "account="));
                ps.setString(3, partitionValue(path, "date="));
                ps.setLong(4, f.rows());
                ps.setLong(5, f.minTime());
                ps.setLong(6, f.maxTime());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** The value of a hive partition ({@code key} with its '=') in a catalog path. */
    private static String partitionValue(String path, String key) {
        for (String part : path.split("/")) {
            if (part.startsWith(key)) {
                return part.substring(key.length());
            }
        }
        throw new IllegalArgumentException("no " + key + " in " + path);
    }

    /**
     * Writes the rows of {@code select} (the {@link #COLUMNS} by name, any order) as partition files
     * by DuckDB's own writer, and lists them in the catalog, in the transaction of {@code s}: what
     * a migration uses to carry a table of events over. Files go to a hidden folder first and are
     * moved into their partitions, so the partitions never hold a file half written. Returns the rows.
     */
    long importRows(Statement s, String select) throws SQLException {
        Path staging = dir.resolve(".import-" + UUID.randomUUID());
        StringBuilder cols = new StringBuilder();
        for (String[] c : COLUMNS) {
            cols.append(c[0]).append(", ");
        }
        String sql = "COPY (SELECT " + cols + "regexp_replace(coalesce(nullif(recipientAccountId, ''), 'unknown'), "
                + "'[^A-Za-z0-9-]', '_', 'g') AS account, strftime(eventTime, '%Y-%m-%d') AS date FROM (" + select
                + ") ORDER BY eventTime, eventID) TO " + DuckDb.literal(staging.toString()) + " (FORMAT parquet, "
                + "COMPRESSION zstd, ROW_GROUP_SIZE 20000, PARTITION_BY (account, date), FILENAME_PATTERN 'part-{uuid}')";
        try {
            Files.createDirectories(dir);
            s.execute(sql);
            List<Path> moved = new ArrayList<>();
            if (Files.isDirectory(staging)) {
                try (Stream<Path> files = Files.walk(staging)) {
                    for (Path f : files.filter(Files::isRegularFile).toList()) {
                        Path target = dir.resolve(staging.relativize(f).toString());
                        Files.createDirectories(target.getParent());
                        Files.move(f, target);
                        moved.add(target);
                    }
                }
                deleteTree(staging);
            }
            if (moved.isEmpty()) {
                deleteIfEmpty(dir); // a store without events has no folder beside it
            }
            long rows = 0;
            for (Path f : moved) {
                String path = catalogPath(f);
                s.execute("INSERT INTO event_files SELECT " + DuckDb.literal(path) + ", "
                        + DuckDb.literal(partitionValue(path, "account=")) + ", "
                        + DuckDb.literal(partitionValue(path, "date=")) + "::DATE, count(*), min(eventTime), max(eventTime), "
                        + "current_timestamp::TIMESTAMP FROM read_parquet(" + DuckDb.literal(f.toString()) + ")");
                try (ResultSet rs = s.executeQuery("SELECT rows FROM event_files WHERE path = " + DuckDb.literal(path))) {
                    rs.next();
                    rows += rs.getLong(1);
                }
            }
            return rows;
        } catch (IOException e) {
            throw new SQLException("cannot write the events into " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Removes every file under the directory that the committed catalog does not list: what a
     * batch wrote before a crash (or a failed commit) and temporary files. Call only while this
     * process holds the store for writing. Returns how many went.
     */
    int removeUnlisted(Statement s) throws SQLException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        Set<String> listed = new HashSet<>();
        try (ResultSet rs = s.executeQuery("SELECT path FROM event_files")) {
            while (rs.next()) {
                listed.add(rs.getString(1));
            }
        }
        int removed = 0;
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path f : walk.filter(Files::isRegularFile).toList()) {
                if (!listed.contains(catalogPath(f))) {
                    Files.deleteIfExists(f);
                    removed++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean " + dir, e);
        }
        return removed;
    }

    /** Deletes files (after the transaction that unlisted them committed); a file already gone is fine. */
    static void deleteQuietly(List<Path> files) {
        for (Path f : files) {
            try {
                Files.deleteIfExists(f);
            } catch (IOException ignored) {
                // unlisted: the next open for writing removes it
            }
        }
    }

    private static void deleteIfEmpty(Path d) {
        try {
            Files.deleteIfExists(d);
        } catch (IOException notEmpty) {
            // files of earlier batches: kept
        }
    }

    /** Deletes a folder and everything in it. */
    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
