package io.trailhound.core.rules.ir;

import io.trailhound.core.event.CloudTrailEvent;
import java.util.List;

/**
 * The stateless part of every compiled rule: a small tree of boolean operators over field
 * accessors and value matchers. Each rule language (Falco, KQL, EQL, Sigma) compiles to this and
 * nothing else; the engine evaluates only this.
 *
 * <p>Absent fields: {@link Match} and {@link FieldCompare} are false when the field has no value
 * (so Falco's {@code f != "x"} is false on a missing field), and {@link Not} is true there (so
 * KQL's {@code not f:x} holds on a missing field). A front end that wants another treatment builds
 * it from these.
 *
 * <p>{@link And} and {@link Or} are n-ary and flat: a child of the same kind is replaced by its
 * children when the node is made, so a long chain ({@code a or a or ...}, {@code 1 of sel*}) is one
 * loop at evaluation, never a recursion per term. Front ends bound the nesting that remains
 * (alternating and/or/not) by {@link io.trailhound.core.rules.load.RuleLimits#MAX_TREE_DEPTH}.
 */
public sealed interface Predicate {
    default boolean test(CloudTrailEvent event) {
        return test(event, null);
    }

    /**
     * As {@link #test(CloudTrailEvent)}, with {@code memo} (null: none) holding this event's answers
     * of {@link Shared} tests and values of {@link SharedAccessor}s: the engine's way to evaluate
     * what many rules test once per event.
     */
    boolean test(CloudTrailEvent event, EventMemo memo);

    /** Every child holds (true when empty). */
    record And(List<Predicate> children) implements Predicate {
        public And {
            children = flat(children, And.class);
        }

        @Override
        public boolean test(CloudTrailEvent event, EventMemo memo) {
            for (Predicate p : children) {
                if (!p.test(event, memo)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Some child holds (false when empty). */
    record Or(List<Predicate> children) implements Predicate {
        public Or {
            children = flat(children, Or.class);
        }

        @Override
        public boolean test(CloudTrailEvent event, EventMemo memo) {
            for (Predicate p : children) {
                if (p.test(event, memo)) {
                    return true;
                }
            }
            return false;
        }
    }

    record Not(Predicate child) implements Predicate {
        @Override
        public boolean test(CloudTrailEvent event, EventMemo memo) {
            return !child.test(event, memo);
        }
    }

    record Const(boolean value) implements Predicate {
        public static final Const TRUE = new Const(true);
        public static final Const FALSE = new Const(false);

        @Override
        public boolean test(CloudTrailEvent event, EventMemo memo) {
            return value;
        }
    }

    /** The field has a value. */
    record Exists(Accessor field) implements Predicate {
        @Override
        public boolean test(CloudTrailEvent event, EventMemo memo) {
            return EventMemo.extract(field, event, memo) != null;
        }
    }

    /** The field's value(s) pass the matcher, as the quantifier says; false when absent. */
    record Match(Accessor field, Matcher matcher, Quantifier quantifier) implements Predicate {
        @Override
        public boolean test(CloudTrailEvent event, EventMemo memo) {
            Object v = EventMemo.extract(field, event, memo);
            if (v == null) {
                return false;
            }
            if (v instanceof String s) {
                return matcher.test(s);
            }
            List<?> values = (List<?>) v;
            if (quantifier == Quantifier.ANY) {
                for (Object o : values) {
                    if (matcher.test((String) o)) {
                        return true;
                    }
                }
                return false;
            }
            if (values.isEmpty()) {
                return false;
            }
            for (Object o : values) {
                if (!matcher.test((String) o)) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * One field against another of the same event (Falco {@code val()}, Sigma {@code fieldref}):
     * true when some value of {@code left} relates to some value of {@code right}; false when
     * either is absent.
     */
    record FieldCompare(Accessor left, Accessor right, Relation relation) implements Predicate {
        @Override
        public boolean test(CloudTrailEvent event, EventMemo memo) {
            Object l = EventMemo.extract(left, event, memo);
            Object r = EventMemo.extract(right, event, memo);
            if (l == null || r == null) {
                return false;
            }
            for (String a : Accessor.valuesOf(l)) {
                for (String b : Accessor.valuesOf(r)) {
                    if (relation.holds(a, b)) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    /**
     * A test that several rules (or several places of one rule) have, which the engine evaluates
     * once per event: {@code slot} is its place in the {@link EventMemo}. Made only by the engine
     * when it indexes rules; means exactly {@code inner}.
     */
    record Shared(int slot, Predicate inner) implements Predicate {
        @Override
        public boolean test(CloudTrailEvent event, EventMemo memo) {
            return memo == null ? inner.test(event, null) : memo.test(this, event);
        }
    }

    /** The children with each child of kind {@code kind} replaced by its own (already flat) children. */
    private static List<Predicate> flat(List<Predicate> children, Class<? extends Predicate> kind) {
        boolean nested = false;
        for (Predicate p : children) {
            nested |= kind.isInstance(p);
        }
        if (!nested) {
            return List.copyOf(children);
        }
        List<Predicate> out = new java.util.ArrayList<>(children.size() * 2);
        for (Predicate p : children) {
            if (p instanceof And a && kind == And.class) {
                out.addAll(a.children());
            } else if (p instanceof Or o && kind == Or.class) {
                out.addAll(o.children());
            } else {
                out.add(p);
            }
        }
        return List.copyOf(out);
    }

    /** A relation between two values of one event. */
    @FunctionalInterface
    interface Relation {
        boolean holds(String left, String right);
    }
}
