package io.trailhound.core.rules.falco;

import io.trailhound.core.rules.ir.Accessor;
import io.trailhound.core.rules.ir.Accessors;
import io.trailhound.core.rules.load.RuleSyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * Turns a field expression into an accessor: looks the field up (an unknown field is an error, as
 * in Falco) and wraps transformers around it ({@code tolower}, {@code toupper}, {@code b64},
 * {@code basename}, {@code len}). An absent value stays absent through every transformer.
 */
final class FieldResolver {
    private final FieldCatalog catalog;

    public FieldResolver(FieldCatalog catalog) {
        this.catalog = catalog;
    }

    public TypedField resolve(Ast.FieldExpr expr) throws RuleSyntaxException {
        if (expr instanceof Ast.Field f) {
            return field(f);
        }
        Ast.Transform t = (Ast.Transform) expr;
        TypedField inner = resolve(t.inner());
        String text = t.function() + "(" + inner.text() + ")";
        if (t.function().equals("len")) {
            return new TypedField(length(text, inner.accessor()), FieldType.UINT64, text);
        }
        if (inner.type() == FieldType.UINT64) {
            throw new RuleSyntaxException("transformer " + t.function() + "() needs a string field, not "
                    + inner.text(), t.offset());
        }
        Accessor a = switch (t.function()) {
            case "tolower" -> Accessors.map(inner.accessor(), text, s -> s.toLowerCase(Locale.ROOT));
            case "toupper" -> Accessors.map(inner.accessor(), text, s -> s.toUpperCase(Locale.ROOT));
            case "b64" -> Accessors.map(inner.accessor(), text, FieldResolver::base64);
            case "basename" -> Accessors.map(inner.accessor(), text, FieldResolver::basename);
            default -> throw new RuleSyntaxException("unknown transformer '" + t.function() + "'", t.offset());
        };
        return new TypedField(a, inner.type() == FieldType.STRING_LIST ? FieldType.STRING_LIST : FieldType.STRING,
                text);
    }

    private TypedField field(Ast.Field f) throws RuleSyntaxException {
        FieldDef def = catalog.find(f.name());
        if (def == null) {
            throw new RuleSyntaxException("unknown field '" + f.name() + "'", f.offset());
        }
        if (def.arg() == FieldArg.NONE && f.arg() != null) {
            throw new RuleSyntaxException("field '" + f.name() + "' takes no argument", f.offset());
        }
        if (def.arg() == FieldArg.REQUIRED && f.arg() == null) {
            throw new RuleSyntaxException("field '" + f.name() + "' needs an argument, e.g. " + f.name()
                    + "[/eventName]", f.offset());
        }
        try {
            return new TypedField(def.accessor(f.arg()), def.type(), f.text());
        } catch (IllegalArgumentException e) {
            throw new RuleSyntaxException(e.getMessage(), f.offset());
        }
    }

    /** Base64-decoded text, padding optional; a value that is not base64 gives no value. */
    private static String base64(String s) {
        try {
            String t = s.trim();
            while (t.length() % 4 != 0) {
                t = t + "=";
            }
            return new String(Base64.getDecoder().decode(t), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String basename(String s) {
        int i = s.lastIndexOf('/');
        return i < 0 ? s : s.substring(i + 1);
    }

    /** {@code len()}: characters of a string, elements of a list. */
    private static Accessor length(String text, Accessor inner) {
        return Accessors.transform(inner, text,
                v -> Integer.toString(v instanceof String s ? s.length() : Accessor.valuesOf(v).size()));
    }
}
