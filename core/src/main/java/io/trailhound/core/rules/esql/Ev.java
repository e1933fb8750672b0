package io.trailhound.core.rules.esql;

/** A compiled expression: its value in a row (see {@link EsqlValues} for what a value is). */
@FunctionalInterface
interface Ev {
    Object eval(Frame f);
}
