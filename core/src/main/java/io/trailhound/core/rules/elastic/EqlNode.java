package io.trailhound.core.rules.elastic;

import java.util.List;

/** A parsed EQL condition, before field names are resolved. */
sealed interface EqlNode {
    record And(List<EqlNode> children) implements EqlNode {
    }

    record Or(List<EqlNode> children) implements EqlNode {
    }

    record Not(EqlNode child) implements EqlNode {
    }

    record Field(String name) implements EqlNode {
    }

    /** A string, number, boolean or null literal; {@code text} is the value after escapes. */
    record Literal(String text, Kind kind) implements EqlNode {
        public enum Kind { STRING, NUMBER, BOOLEAN, NULL }
    }

    /**
     * {@code left op right}: {@code ==}, {@code !=}, {@code <}, {@code <=}, {@code >}, {@code >=},
     * {@code :} (wildcard, case-insensitive), {@code like}, {@code regex}; {@code insensitive} for
     * the {@code ~} forms. A parenthesised list on the right of {@code :} / like / regex is a
     * {@link ListOf}.
     */
    record Compare(EqlNode left, String op, boolean insensitive, EqlNode right) implements EqlNode {
    }

    /** {@code field in (a, b)}, {@code in~}, {@code not in}. */
    record In(EqlNode left, List<EqlNode> values, boolean insensitive) implements EqlNode {
    }

    /** A parenthesised list of values on the right of {@code :}, {@code like} or {@code regex}. */
    record ListOf(List<EqlNode> values) implements EqlNode {
    }

    /** A function call such as {@code stringContains(field, "x")}; {@code insensitive} for {@code stringContains~}. */
    record Call(String function, boolean insensitive, List<EqlNode> args) implements EqlNode {
    }
}
