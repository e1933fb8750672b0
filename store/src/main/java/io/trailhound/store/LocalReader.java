package io.trailhound.store;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/** A {@link StoreReader} on a DuckDB connection of this process; the connection is not closed by it unless it owns it. */
final class LocalReader implements StoreReader {
    private final Connection connection;
    private final String location;
    private final AutoCloseable owned;

    LocalReader(Connection connection, String location, AutoCloseable owned) {
        this.connection = connection;
        this.location = location;
        this.owned = owned;
    }

    @Override
    public Rows query(String sql, List<Object> params) {
        return run(connection, sql, params);
    }

    @Override
    public long forEach(String sql, List<Object> params, BiConsumer<Rows, List<Object>> out) {
        return forEach(connection, sql, params, out);
    }

    /** Runs one SELECT on {@code c} (checked first), as {@link StoreReader#query} says. */
    static Rows run(Connection c, String sql, List<Object> params) {
        List<List<Object>> rows = new ArrayList<>();
        Rows header = read(c, sql, params, (h, row) -> rows.add(row));
        return new Rows(header.columns(), rows);
    }

    /** Runs one SELECT on {@code c} (checked first), handing its rows to {@code out} as they are read; returns how many. */
    static long forEach(Connection c, String sql, List<Object> params, BiConsumer<Rows, List<Object>> out) {
        long[] n = {0};
        read(c, sql, params, (h, row) -> {
            out.accept(h, row);
            n[0]++;
        });
        return n[0];
    }

    /** Runs one SELECT on {@code c} (checked first), each row to {@code out}; returns the answer's columns. */
    private static Rows read(Connection c, String sql, List<Object> params, BiConsumer<Rows, List<Object>> out) {
        try {
            SingleSelect.check(c, sql);
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < params.size(); i++) {
                    ps.setObject(i + 1, params.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    ResultSetMetaData md = rs.getMetaData();
                    int n = md.getColumnCount();
                    List<String> columns = new ArrayList<>(n);
                    for (int i = 1; i <= n; i++) {
                        columns.add(md.getColumnLabel(i));
                    }
                    Rows header = new Rows(columns, List.of());
                    while (rs.next()) {
                        List<Object> row = new ArrayList<>(n);
                        for (int i = 1; i <= n; i++) {
                            row.add(value(rs.getObject(i)));
                        }
                        out.accept(header, row);
                    }
                    return header;
                }
            }
        } catch (SQLException e) {
            throw new StoreException("the query failed: " + e.getMessage(), e);
        }
    }

    /** A JDBC value as one JSON can carry: text, whole or decimal number, boolean, or null. */
    static Object value(Object v) {
        if (v == null || v instanceof String || v instanceof Boolean || v instanceof Long || v instanceof Double) {
            return v;
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof Float f) {
            return f.doubleValue();
        }
        if (v instanceof BigInteger b) {
            return b.bitLength() < 64 ? (Object) b.longValue() : b.toString();
        }
        if (v instanceof BigDecimal d) {
            return d.scale() <= 0 && d.precision() - d.scale() < 19 ? (Object) d.longValueExact() : d.doubleValue();
        }
        if (v instanceof java.sql.Timestamp t) {
            return t.toLocalDateTime().toString();
        }
        return v.toString();
    }

    @Override
    public String describe() {
        return location;
    }

    @Override
    public void close() {
        if (owned != null) {
            try {
                owned.close();
            } catch (Exception e) {
                throw new StoreException("cannot close the store " + location + ": " + e.getMessage(), e);
            }
        }
    }
}
