package io.trailhound.core.rules.falco;

import java.util.List;

/**
 * A parsed Falco condition, before macros are expanded and fields resolved. Offsets are character
 * positions in the condition text, for error messages with line and column.
 */
sealed interface Ast {
    record And(List<Ast> children) implements Ast {
        public And {
            children = List.copyOf(children);
        }
    }

    record Or(List<Ast> children) implements Ast {
        public Or {
            children = List.copyOf(children);
        }
    }

    record Not(Ast child) implements Ast {
    }

    /** A bare identifier in check position: a macro, expanded by the compiler. */
    record MacroRef(String name, int offset) implements Ast {
    }

    /**
     * {@code field op value}: {@code value} is null for {@code exists}; {@code modifier} is
     * {@code oneof}, {@code anyof}, {@code allof} or null.
     */
    record Check(FieldExpr field, String op, String modifier, Value value, int offset) implements Ast {
    }

    /** The left side of a check, or a field compared on the right side. */
    sealed interface FieldExpr {
        int offset();
    }

    /** A field with its optional bracketed argument ({@code json.value[/a/b]}), null when none. */
    record Field(String name, String arg, int offset) implements FieldExpr {
        /** The field as written, for messages and output keys. */
        public String text() {
            return arg == null ? name : name + "[" + arg + "]";
        }
    }

    /** A transformer applied to a field: {@code tolower(ct.user)}. */
    record Transform(String function, FieldExpr inner, int offset) implements FieldExpr {
    }

    /** The right side of a check. */
    sealed interface Value {
    }

    /** One string (quoted or bare); numbers are strings here and parsed by field type when compiled. */
    record Literal(String text, int offset) implements Value {
    }

    record ListValue(List<Literal> items, int offset) implements Value {
        public ListValue {
            items = List.copyOf(items);
        }
    }

    /** Another field of the same event: {@code val(ct.user)} or a transformer such as {@code tolower(ct.user)}. */
    record FieldValue(FieldExpr field) implements Value {
    }
}
