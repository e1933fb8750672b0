package io.trailhound.core.rules.ir;

import io.trailhound.core.event.CloudTrailEvent;

/**
 * One event's answers to the tests and values that several rules share ({@link Predicate.Shared},
 * {@link SharedAccessor}, a {@link RowQuery}'s rows), so each is computed at most once per event however many rules read it.
 * Belongs to one thread; {@link #next} starts a new event without clearing anything (a slot is
 * valid when its stamp is the current event's). A test or value that throws is not kept: the next
 * rule that reads it computes it again and fails the same way, counted against that rule too.
 */
public final class EventMemo {
    private final int[] testStamp;
    private final boolean[] answer;
    private final int[] valueStamp;
    private final Object[] value;
    private int event;

    /** A memo for {@code tests} shared tests and {@code values} shared values. */
    public EventMemo(int tests, int values) {
        testStamp = new int[tests];
        answer = new boolean[tests];
        valueStamp = new int[values];
        value = new Object[values];
    }

    /** Forgets the previous event's answers: the next reads compute afresh. */
    public void next() {
        if (++event == 0) { // after 2^32 events the stamps wrap: clear them once
            java.util.Arrays.fill(testStamp, 0);
            java.util.Arrays.fill(valueStamp, 0);
            event = 1;
        }
    }

    boolean test(Predicate.Shared p, CloudTrailEvent e) {
        int i = p.slot();
        if (testStamp[i] == event && event != 0) {
            return answer[i];
        }
        boolean a = p.inner().test(e, this);
        answer[i] = a;
        testStamp[i] = event;
        return a;
    }

    /** What {@code field} reads from {@code e}, computed once per event when it is a {@link SharedAccessor} and there is a memo. */
    public static Object extract(Accessor field, CloudTrailEvent e, EventMemo memo) {
        if (memo != null && field instanceof SharedAccessor s) {
            return memo.value(s, e);
        }
        return field.extract(e);
    }

    private Object value(SharedAccessor a, CloudTrailEvent e) {
        int i = a.slot();
        if (valueStamp[i] == event && event != 0) {
            return value[i];
        }
        Object v = a.inner().extract(e);
        value[i] = v;
        valueStamp[i] = event;
        return v;
    }

    /**
     * {@code query}'s rows for {@code e}, computed once per event at value slot {@code slot} (which
     * the engine gives each query instance that several rules run). Rows are never changed by
     * the rules that read them, so they may be shared.
     */
    public Object rows(int slot, RowQuery query, CloudTrailEvent e) {
        if (valueStamp[slot] == event && event != 0) {
            return value[slot];
        }
        Object v = query.rows(e);
        value[slot] = v;
        valueStamp[slot] = event;
        return v;
    }
}
