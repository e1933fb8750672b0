package io.trailhound.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Lets a query with user SQL in it through only when DuckDB reads it as exactly one SELECT.
 * DuckDB's JDBC driver runs every statement before the last one of a text it is asked to
 * prepare, so a search condition that closes the query ({@code true); CHECKPOINT; SELECT (1})
 * would run statements of its own. DuckDB's own parser decides ({@code json_serialize_sql}
 * parses and runs nothing), so strings, comments and quoting are read exactly as the query will be.
 */
final class SingleSelect {
    private static final String PARSE = "SELECT j->>'$.error', j->>'$.error_type', j->>'$.error_message', "
            + "json_array_length(j, '$.statements') FROM (SELECT json_serialize_sql(?::VARCHAR)::JSON AS j)";

    private SingleSelect() {
    }

    /** Returns when {@code sql} is one SELECT, or does not parse (then running it fails before anything runs). */
    static void check(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(PARSE)) {
            ps.setString(1, sql);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                boolean error = "true".equals(rs.getString(1));
                if (!error && rs.getLong(4) == 1) {
                    return;
                }
                // A syntax error: DuckDB parses the whole text before it runs any of it, and its own
                // message (with the place in the query) is the clearer one.
                if (error && "parser".equals(rs.getString(2))) {
                    return;
                }
                String detail = error ? "DuckDB: " + rs.getString(3) : "the query holds " + rs.getLong(4) + " statements";
                throw new StoreException("the search condition must be one SQL expression over event_view; this one "
                        + "closes the query and adds statements of its own, and nothing of it was run (" + detail + ")");
            }
        }
    }
}
