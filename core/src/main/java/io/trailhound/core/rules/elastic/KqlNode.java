package io.trailhound.core.rules.elastic;

import java.util.List;

/** A parsed KQL query, before field names are resolved. */
sealed interface KqlNode {
    record Or(List<KqlNode> children) implements KqlNode {
    }

    record And(List<KqlNode> children) implements KqlNode {
    }

    record Not(KqlNode child) implements KqlNode {
    }

    /** {@code field: values}; {@code field} may hold {@code *} wildcards (several fields). */
    record FieldMatch(KqlValue field, ValueExpr values) implements KqlNode {
    }

    /** {@code field < value} and the other comparisons. */
    record Range(KqlValue field, String op, KqlValue bound) implements KqlNode {
    }

    /** {@code field: { query }}: the inner query's fields are under {@code field}. */
    record Nested(KqlValue field, KqlNode query) implements KqlNode {
    }

    /** A value with no field: matched against every field. */
    record FreeText(ValueExpr values) implements KqlNode {
    }

    /** The right-hand side of {@code field:}, a value or a boolean list of values. */
    sealed interface ValueExpr {
    }

    record AnyOf(List<ValueExpr> children) implements ValueExpr {
    }

    record AllOf(List<ValueExpr> children) implements ValueExpr {
    }

    record NoneOf(ValueExpr child) implements ValueExpr {
    }

    record One(KqlValue value) implements ValueExpr {
    }
}
