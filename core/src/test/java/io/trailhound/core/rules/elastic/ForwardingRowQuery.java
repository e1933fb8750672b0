package io.trailhound.core.rules.elastic;

import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.rules.ir.RowQuery;
import java.util.List;
import java.util.Map;

/** A query that answers as {@link #delegate()} does; tests override the one or two answers they change. */
interface ForwardingRowQuery extends RowQuery {
    RowQuery delegate();

    @Override
    default Object rows(CloudTrailEvent event) {
        return delegate().rows(event);
    }

    @Override
    default boolean windowed() {
        return delegate().windowed();
    }

    @Override
    default boolean readsNow() {
        return delegate().readsNow();
    }

    @Override
    default Map<String, String> columns(Object rows) {
        return delegate().columns(rows);
    }

    @Override
    default List<Result> run(List<Object> inputs, long nowMillis) {
        return delegate().run(inputs, nowMillis);
    }

    @Override
    default void writeRows(Object rows, java.io.DataOutput out) throws java.io.IOException {
        delegate().writeRows(rows, out);
    }

    @Override
    default Object readRows(java.io.DataInput in) throws java.io.IOException {
        return delegate().readRows(in);
    }

    @Override
    default boolean writesRowsExactly() {
        return delegate().writesRowsExactly();
    }

    @Override
    default Slices slices() {
        return delegate().slices();
    }

    @Override
    default Needs needs() {
        return delegate().needs();
    }
}
