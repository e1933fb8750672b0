package io.trailhound.store;

import java.util.List;

/**
 * Runs read queries on a store, wherever it is: on a read-only connection of this process
 * ({@link LocalReader}) when no process is writing the store, or through the socket of the process
 * that is ({@link SocketReader}, answered by its {@link ReaderServer} on a connection of its own,
 * which sees every committed batch and nothing uncommitted). Every query must be exactly one
 * SELECT ({@link SingleSelect}), on both paths; values come back as JSON-able Java values.
 */
public interface StoreReader extends AutoCloseable {

    /**
     * The rows of {@code sql} (one SELECT; {@code ?} placeholders take {@code params}: String,
     * Long, Integer, Double, Boolean or null), values as String, Long, Double, Boolean or null
     * (timestamps as ISO-8601 text, other numbers as Long or Double).
     */
    Rows query(String sql, List<Object> params);

    /**
     * The rows of {@code sql} (as {@link #query}) handed to {@code out} one at a time, with the
     * answer's columns (a {@link Rows} holding no rows) to read them by name; returns how many. A
     * reader on this process's connection streams them (a search of a million events is never held
     * whole); through the writer's socket the answer comes whole first.
     */
    default long forEach(String sql, List<Object> params, java.util.function.BiConsumer<Rows, List<Object>> out) {
        Rows all = query(sql, params);
        Rows columns = new Rows(all.columns(), List.of());
        all.rows().forEach(r -> out.accept(columns, r));
        return all.rows().size();
    }

    /** Where the answers come from, for messages: the store's path, and whether a writer serves them. */
    String describe();

    /** True when the process writing the store answers (a query fails once it is gone: open a reader again). */
    default boolean viaWriter() {
        return false;
    }

    @Override
    void close();

    /** A query's answer: column names, and rows of values in that order. */
    record Rows(List<String> columns, List<List<Object>> rows) {
        public Rows {
            columns = List.copyOf(columns);
            rows = List.copyOf(rows);
        }

        public int column(String name) {
            int i = columns.indexOf(name);
            if (i < 0) {
                throw new StoreException("the answer has no column " + name);
            }
            return i;
        }

        public String string(List<Object> row, String name) {
            Object v = row.get(column(name));
            return v == null ? null : v.toString();
        }

        public Long number(List<Object> row, String name) {
            Object v = row.get(column(name));
            return v == null ? null : v instanceof Number n ? n.longValue() : Long.valueOf(v.toString());
        }
    }
}
