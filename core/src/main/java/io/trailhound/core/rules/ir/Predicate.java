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
 */
public sealed interface Predicate {
    boolean test(CloudTrailEvent event);

    /** Every child holds (true when empty). */
    record And(List<Predicate> children) implements Predicate {
        public And {
            children = List.copyOf(children);
        }

        @Override
        public boolean test(CloudTrailEvent event) {
            for (Predicate p : children) {
                if (!p.test(event)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Some child holds (false when empty). */
    record Or(List<Predicate> children) implements Predicate {
        public Or {
            children = List.copyOf(children);
        }

        @Override
        public boolean test(CloudTrailEvent event) {
            for (Predicate p : children) {
                if (p.test(event)) {
                    return true;
                }
            }
            return false;
        }
    }

    record Not(Predicate child) implements Predicate {
        @Override
        public boolean test(CloudTrailEvent event) {
            return !child.test(event);
        }
    }

    record Const(boolean value) implements Predicate {
        public static final Const TRUE = new Const(true);
        public static final Const FALSE = new Const(false);

        @Override
        public boolean test(CloudTrailEvent event) {
            return value;
        }
    }

    /** The field has a value. */
    record Exists(Accessor field) implements Predicate {
        @Override
        public boolean test(CloudTrailEvent event) {
            return field.extract(event) != null;
        }
    }

    /** The field's value(s) pass the matcher, as the quantifier says; false when absent. */
    record Match(Accessor field, Matcher matcher, Quantifier quantifier) implements Predicate {
        @Override
        public boolean test(CloudTrailEvent event) {
            Object v = field.extract(event);
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
        public boolean test(CloudTrailEvent event) {
            Object l = left.extract(event);
            Object r = right.extract(event);
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

    /** A relation between two values of one event. */
    @FunctionalInterface
    interface Relation {
        boolean holds(String left, String right);
    }
}
