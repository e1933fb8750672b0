package io.trailhound.store;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Retention over the events' files, in the prune's transaction: a file whose events all fall
 * before the cut-off is unlisted whole (and deleted once the transaction commits); a file that
 * straddles it (only files of the cut-off's day can) is written again with its later events and
 * listed in its place.
 */
final class EventFilesPrune {
    private final EventFiles files;
    private final Statement s;

    EventFilesPrune(EventFiles files, Statement s) {
        this.files = files;
        this.s = s;
    }

    /**
     * Removes the events before {@code cutoff} (a SQL timestamp expression); returns how many.
     * {@code unlisted} gets the files to delete after the commit, {@code made} the files written
     * here (to delete if it does not commit).
     */
    long before(String cutoff, List<Path> unlisted, List<Path> made) throws SQLException {
        long removed = 0;
        List<String> whole = new ArrayList<>();
        List<String> straddling = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("SELECT path, rows, maxTime < " + cutoff + " FROM event_files WHERE minTime < " + cutoff)) {
            while (rs.next()) {
                if (rs.getBoolean(3)) {
                    whole.add(rs.getString(1));
                    removed += rs.getLong(2);
                } else {
                    straddling.add(rs.getString(1));
                }
            }
        }
        if (whole.isEmpty() && straddling.isEmpty()) {
            return 0;
        }
        for (String path : whole) {
            s.execute("DELETE FROM event_files WHERE path = " + DuckDb.literal(path));
            unlisted.add(files.resolve(path));
        }
        for (String path : straddling) {
            Path old = files.resolve(path);
            Path again = old.resolveSibling("part-" + UUID.randomUUID() + ".parquet");
            made.add(again);
            s.execute("COPY (SELECT * FROM read_parquet(" + DuckDb.literal(old.toString()) + ") WHERE eventTime >= " + cutoff
                    + ") TO " + DuckDb.literal(again.toString()) + " (FORMAT parquet, COMPRESSION zstd)");
            String newPath = files.catalogPath(again);
            long before;
            try (ResultSet rs = s.executeQuery("SELECT rows FROM event_files WHERE path = " + DuckDb.literal(path))) {
                rs.next();
                before = rs.getLong(1);
            }
            s.execute("INSERT INTO event_files SELECT " + DuckDb.literal(newPath) + ", account, date, n, lo, hi, addedAt "
                    + "FROM event_files, (SELECT count(*) AS n, min(eventTime) AS lo, max(eventTime) AS hi FROM read_parquet("
                    + DuckDb.literal(again.toString()) + ")) WHERE path = " + DuckDb.literal(path));
            s.execute("DELETE FROM event_files WHERE path = " + DuckDb.literal(path));
            unlisted.add(old);
            try (ResultSet rs = s.executeQuery("SELECT rows FROM event_files WHERE path = " + DuckDb.literal(newPath))) {
                rs.next();
                removed += before - rs.getLong(1);
            }
        }
        files.rebuildView(s);
        return removed;
    }
}
