package io.trailhound.core.rules.engine;

/**
 * A {@code key=value} part of a text that a field renders from a member as {@code {k=v, ...}}
 * (ECS {@code request_parameters}), looked for in the member's bytes as a whole: the built-in
 * "Effect=Allow" test on bucket policies is otherwise two parts that every policy spells apart.
 *
 * <p>{@code key} and {@code value} are non-empty runs of the characters {@link MemberGates} checks,
 * without quotes or {@code =}, and the value is not one a number could render otherwise. Where the
 * rendering holds {@code key=value}, its {@code =} is either inside one key's or value's text (the
 * bytes then spell {@code key=value} as it is) or the one between a key and its value: the key's
 * text ends with {@code key} and the value's text, a string, number or boolean (objects and lists
 * render starting with a bracket), starts with {@code value}, which the bytes spell
 * {@code key"}, JSON whitespace, {@code :}, whitespace, then {@code value} after an optional quote.
 * Either shape is found by one search for {@code key} and a look after each place; a "yes" may be
 * wrong (a string holding {@code key\":value}), a "no" never is.
 */
final class MemberPair implements MemberGates.Spelled {
    private final String text;
    private final String key;
    private final String value;

    private MemberPair(String text, String key, String value) {
        this.text = text;
        this.key = key;
        this.value = value;
    }

    /** The pair {@code part} is, or null when it is not one {@code key=value} as described above. */
    static MemberPair of(String part, String numberChars) {
        int eq = part.indexOf('=');
        if (eq <= 0 || eq == part.length() - 1 || part.indexOf('=', eq + 1) >= 0 || part.indexOf('"') >= 0) {
            return null;
        }
        String value = part.substring(eq + 1);
        boolean numberOnly = true;
        for (int i = 0; i < value.length(); i++) {
            numberOnly &= numberChars.indexOf(value.charAt(i)) >= 0;
        }
        return numberOnly ? null : new MemberPair(part, part.substring(0, eq), value);
    }

    @Override
    public String text() {
        return text;
    }

    @Override
    public boolean in(String l, int from, int to) {
        for (int at = l.indexOf(key, from); at >= 0 && at + key.length() < to; at = l.indexOf(key, at + 1)) {
            int k = at + key.length();
            char c = l.charAt(k);
            if (c == '=' && startsAt(l, k + 1, to)) {
                return true;
            }
            if (c == '"') {
                k = spaces(l, k + 1, to);
                if (k < to && l.charAt(k) == ':') {
                    k = spaces(l, k + 1, to);
                    if (k < to && l.charAt(k) == '"') {
                        k++;
                    }
                    if (startsAt(l, k, to)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private boolean startsAt(String l, int k, int to) {
        return k + value.length() <= to && l.startsWith(value, k);
    }

    private static int spaces(String l, int k, int to) {
        while (k < to) {
            char c = l.charAt(k);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                break;
            }
            k++;
        }
        return k;
    }
}
