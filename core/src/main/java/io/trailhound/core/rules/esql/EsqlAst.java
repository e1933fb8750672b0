package io.trailhound.core.rules.esql;

import java.util.List;

/** The parsed query: a source ({@code FROM}) and processing commands, over expressions. */
final class EsqlAst {
    private EsqlAst() {
    }

    /** An expression, with the offset in the query where it starts (for messages). */
    sealed interface Expr {
        int offset();
    }

    /** A constant: null, a String, a Long, a Double, a Boolean, or a {@link EsqlValues.Span}. */
    record Literal(Object value, int offset) implements Expr {
    }

    /** A column: a field of the event or a column the query made. */
    record Column(String name, int offset) implements Expr {
    }

    /** {@code name(args)}; {@code COUNT(*)} has no arguments and {@code star} set. */
    record Call(String name, List<Expr> args, boolean star, int offset) implements Expr {
    }

    /** {@code and or == != < <= > >= + - * / %}. */
    record Binary(String op, Expr left, Expr right, int offset) implements Expr {
    }

    /** {@code NOT e} or {@code -e}. */
    record Unary(String op, Expr operand, int offset) implements Expr {
    }

    record IsNull(Expr operand, boolean negated, int offset) implements Expr {
    }

    record In(Expr operand, List<Expr> values, boolean negated, int offset) implements Expr {
    }

    /** {@code LIKE} (wildcards) or {@code RLIKE} (regular expression) against a constant pattern. */
    record Like(Expr operand, String pattern, boolean regex, boolean negated, int offset) implements Expr {
    }

    /** A processing command, with its offset. */
    sealed interface Command {
        int offset();
    }

    record From(List<String> indices, List<String> metadata, int offset) implements Command {
    }

    record Where(Expr condition, int offset) implements Command {
    }

    /** {@code EVAL a = e, b = f}: assignments in order (a later one sees the earlier). */
    record Eval(List<Assignment> assignments, int offset) implements Command {
    }

    record Assignment(String name, Expr value) {
    }

    /** {@code STATS aggs BY groups}: each aggregate may have its own {@code WHERE}. */
    record Stats(List<Aggregate> aggregates, List<Assignment> groups, int offset) implements Command {
    }

    record Aggregate(String name, Call call, Expr filter) {
    }

    /** {@code KEEP} (or {@code DROP}) of names and {@code *} patterns. */
    record Keep(List<String> patterns, boolean drop, int offset) implements Command {
    }

    record Rename(List<String[]> pairs, int offset) implements Command {
    }

    record Sort(List<SortKey> keys, int offset) implements Command {
    }

    record SortKey(Expr key, boolean descending, boolean nullsFirst) {
    }

    record Limit(long count, int offset) implements Command {
    }

    record Grok(Expr input, String pattern, int offset) implements Command {
    }

    record Dissect(Expr input, String pattern, String appendSeparator, int offset) implements Command {
    }

    record MvExpand(String column, int offset) implements Command {
    }
}
