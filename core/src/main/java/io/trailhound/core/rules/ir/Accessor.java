package io.trailhound.core.rules.ir;

import io.trailhound.core.event.CloudTrailEvent;
import java.util.List;

/**
 * A typed, precompiled way to read one field of an event, the only way rules see events. Every
 * rule language maps its field names (Falco {@code ct.name}, ECS {@code event.action}, Sigma
 * {@code eventName}) to accessors when it compiles, so no field name is looked up per event.
 *
 * <p>{@link #extract} returns {@code null} when the field is absent (or JSON null), a
 * {@link String} for one value, or a {@code List<String>} for a multi-valued field. Numbers and
 * booleans come as their JSON text; what an object becomes (its JSON text, or absent) is the
 * accessor's choice, documented by the front end that made it.
 */
public interface Accessor {
    /** The field's name in the rule language that made it, for messages and outputs. */
    String name();

    /** The value(s) in {@code event}: null, a String, or a List of String. */
    Object extract(CloudTrailEvent event);

    /**
     * The CloudTrail field this accessor reads without transformation ({@code "eventName"},
     * {@code "eventSource"}), or null. Lets the compiler find the event names a rule requires,
     * whatever the rule language called the field.
     */
    default String canonical() {
        return null;
    }

    /**
     * How this field's value follows from a field the engine indexes by: that field's
     * {@link #canonical()} name and the function from its value to this field's (null for an
     * absent value, either way), or null when it does not. A language's copy of a CloudTrail field
     * through a per-value cleanup (ECS's {@code aws.cloudtrail.user_identity.type}: empty and
     * {@code "-"} become absent) then still narrows rules by the indexed field. A field with a
     * canonical name is that field, unchanged.
     */
    default View view() {
        return canonical() == null ? null : new View(canonical(), java.util.function.UnaryOperator.identity());
    }

    /** This field's value as {@code of} applied to the value of the indexed field {@code canonical}. */
    record View(String canonical, java.util.function.UnaryOperator<String> of) {
    }

    /**
     * What reading the field costs, for ordering tests cheapest first: 0 for a field the decoder
     * already holds, 1 for a little work on such fields, 2 (the default) when it may parse the
     * rest of the record. {@link Accessors}, which makes every accessor, is the one place that
     * decides it. Only an estimate: evaluation order never changes a rule's result.
     */
    default int cost() {
        return 2;
    }

    /**
     * What decides this accessor's values: two accessors with equal keys read the same value(s)
     * from every event, whatever each is named, so the engine may read it once per event for all
     * rules. The default, the accessor itself, makes only the same instance equal.
     */
    default Object shareKey() {
        return this;
    }

    /**
     * The top-level record member ({@code requestParameters}, ...) whose JSON every value of this
     * field is read from unchanged: a string's text, or the compact JSON of a value inside the
     * member; null when that does not hold (the default). A text the member's bytes cannot spell
     * is then in no value either ({@link CloudTrailEvent#searchableSpan}), so a test needing it
     * fails without reading the field.
     */
    default String member() {
        return null;
    }

    /**
     * Characters besides JSON's own that a {@link #member} field's values may put between the texts
     * they take from the member unchanged (ECS {@code request_parameters} renders the member as
     * {@code {k=v, list=[a, b]}}: {@code =} joins a key's text to its value's); empty (the default)
     * when values are strings' texts or compact JSON. A text spanning one of them is not looked for
     * in the bytes.
     */
    default String memberSeparators() {
        return "";
    }

    /** The values as a list (empty when absent): for code that is not on the per-event hot path. */
    @SuppressWarnings("unchecked")
    static List<String> valuesOf(Object extracted) {
        if (extracted == null) {
            return List.of();
        }
        if (extracted instanceof String s) {
            return List.of(s);
        }
        return (List<String>) extracted;
    }
}
