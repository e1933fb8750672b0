package io.trailhound.core.rules.sigma;

import io.trailhound.core.rules.load.RuleSyntaxException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A detection key such as {@code requestParameters|contains|all}: the field and its modifiers in
 * order. An unknown modifier or one that needs another ({@code i} without {@code re}) is a load
 * error naming the key.
 *
 * @param field the field name, empty for a keyword search with modifiers ({@code '|all'})
 */
record FieldKey(String field, List<Modifier> modifiers) {
    private static final Set<Modifier> REGEX_FLAGS = EnumSet.of(Modifier.I, Modifier.M, Modifier.S);

    static FieldKey parse(String key, int line) {
        String[] parts = key.split("\\|", -1);
        List<Modifier> mods = new ArrayList<>();
        for (int i = 1; i < parts.length; i++) {
            Modifier m = Modifier.of(parts[i].trim());
            if (m == null) {
                throw RuleSyntaxException.atLine(line, "SIGMA_UNKNOWN_MODIFIER", "unknown modifier '" + parts[i]
                        + "' in '" + key + "'");
            }
            mods.add(m);
        }
        FieldKey k = new FieldKey(parts[0].trim(), List.copyOf(mods));
        k.check(key, line);
        return k;
    }

    boolean has(Modifier m) {
        return modifiers.contains(m);
    }

    private void check(String key, int line) {
        boolean regex = has(Modifier.RE);
        for (Modifier m : modifiers) {
            if (REGEX_FLAGS.contains(m) && !regex) {
                throw RuleSyntaxException.atLine(line, "SIGMA_BAD_MODIFIER", "modifier '" + m.word()
                        + "' is a flag of 're' and needs it, in '" + key + "'");
            }
        }
        int stringOps = (has(Modifier.CONTAINS) ? 1 : 0) + (has(Modifier.STARTSWITH) ? 1 : 0)
                + (has(Modifier.ENDSWITH) ? 1 : 0);
        if (stringOps > 1) {
            throw RuleSyntaxException.atLine(line, "SIGMA_BAD_MODIFIER",
                    "contains, startswith and endswith exclude each other, in '" + key + "'");
        }
        long kinds = modifiers.stream().filter(m -> m == Modifier.RE || m == Modifier.CIDR || m == Modifier.EXISTS
                || m == Modifier.GT || m == Modifier.GTE || m == Modifier.LT || m == Modifier.LTE).count();
        if (kinds > 1 || (kinds == 1 && (stringOps > 0 || has(Modifier.FIELDREF) || has(Modifier.BASE64)
                || has(Modifier.BASE64OFFSET)))) {
            throw RuleSyntaxException.atLine(line, "SIGMA_BAD_MODIFIER", "modifiers that cannot go together in '"
                    + key + "'");
        }
        if (field.isEmpty() && (has(Modifier.FIELDREF) || has(Modifier.EXISTS))) {
            throw RuleSyntaxException.atLine(line, "SIGMA_BAD_MODIFIER", "'" + key + "' needs a field name");
        }
    }
}
