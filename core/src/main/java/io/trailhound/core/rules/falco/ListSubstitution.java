package io.trailhound.core.rules.falco;

import io.trailhound.core.rules.load.RuleLimits;
import io.trailhound.core.rules.load.RuleSyntaxException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Falco expands lists by text, before parsing (rule_loader_compiler.cpp {@code resolve_list}): each
 * occurrence of a list's name, delimited by the start or end of the text or one of
 * {@code  \t\n\r(),=}, becomes its items joined by {@code ", "}, an item with a space quoted. An
 * empty list removes its name and one adjacent comma, so {@code in (empty)} is {@code in ( )}.
 * A text that would grow past {@link RuleLimits#MAX_CONDITION_CHARS} fails.
 */
final class ListSubstitution {
    private static final String DELIMITERS = " \t\n\r(),=";

    private ListSubstitution() {
    }

    /**
     * The condition after substitution, and for each of its characters the offset in the original
     * text it came from (a list's items point at its name), so errors still point into the file.
     */
    public record Result(String text, int[] origin) {
        /** The original offset of {@code offset} in the substituted text. */
        public int originOf(int offset) {
            if (origin.length == 0) {
                return 0;
            }
            return origin[Math.max(0, Math.min(offset, origin.length - 1))];
        }
    }

    /**
     * {@code text} with every list of {@code lists} (name → resolved items, in definition order)
     * substituted; the names of the lists it used are added to {@code used}.
     *
     * @throws RuleSyntaxException when the text grows too long, at the list that made it so
     */
    public static Result apply(String text, Map<String, List<String>> lists, Set<String> used)
            throws RuleSyntaxException {
        int[] origin = new int[text.length() + 1];
        for (int i = 0; i < origin.length; i++) {
            origin[i] = i;
        }
        Result r = new Result(text, origin);
        for (Map.Entry<String, List<String>> l : lists.entrySet()) {
            Result next = replace(r, l.getKey(), l.getValue());
            if (!next.text().equals(r.text())) {
                used.add(l.getKey());
            }
            r = next;
        }
        return r;
    }

    /** The items as Falco writes them into a condition. */
    public static String join(List<String> items) {
        StringBuilder sb = new StringBuilder();
        for (String item : items) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(quoteIfSpaced(item));
        }
        return sb.toString();
    }

    /** An item with a blank is quoted unless it already is; Falco escapes nothing else. */
    public static String quoteIfSpaced(String item) {
        boolean quoted = item.length() >= 2 && (item.startsWith("\"") && item.endsWith("\"")
                || item.startsWith("'") && item.endsWith("'"));
        return item.indexOf(' ') >= 0 && !quoted ? '"' + item + '"' : item;
    }

    private static Result replace(Result in, String name, List<String> items) throws RuleSyntaxException {
        String text = in.text();
        StringBuilder sb = new StringBuilder();
        MapBuilder map = new MapBuilder(in.origin());
        int from = 0;
        int i;
        while ((i = text.indexOf(name, from)) >= 0) {
            int end = i + name.length();
            boolean startOk = i == 0 || DELIMITERS.indexOf(text.charAt(i - 1)) >= 0;
            boolean endOk = end == text.length() || DELIMITERS.indexOf(text.charAt(end)) >= 0;
            if (!startOk || !endOk) {
                map.copy(sb, text, from, end);
                from = end;
                continue;
            }
            map.copy(sb, text, from, i);
            if (items.isEmpty()) {
                end = dropAdjacentComma(text, sb, end);
                map.truncate(sb.length());
            } else {
                map.insert(sb, join(items), i);
                if (sb.length() > RuleLimits.MAX_CONDITION_CHARS) {
                    throw new RuleSyntaxException("condition longer than " + RuleLimits.MAX_CONDITION_CHARS
                            + " characters once list '" + name + "' is substituted", in.originOf(i));
                }
            }
            from = end;
        }
        map.copy(sb, text, from, text.length());
        return new Result(sb.toString(), map.finish(text.length()));
    }

    /** Builds the origin map alongside the text. */
    private static final class MapBuilder {
        private final int[] before;
        private int[] out = new int[16];
        private int size;

        MapBuilder(int[] before) {
            this.before = before;
        }

        void copy(StringBuilder sb, String text, int from, int to) {
            sb.append(text, from, to);
            for (int k = from; k < to; k++) {
                add(before[k]);
            }
        }

        void insert(StringBuilder sb, String s, int at) {
            sb.append(s);
            for (int k = 0; k < s.length(); k++) {
                add(before[at]);
            }
        }

        void truncate(int length) {
            size = Math.min(size, length);
        }

        int[] finish(int textLength) {
            add(before[textLength]);
            return java.util.Arrays.copyOf(out, size);
        }

        private void add(int v) {
            if (size == out.length) {
                out = java.util.Arrays.copyOf(out, size * 2);
            }
            out[size++] = v;
        }
    }

    /** Removes a comma after the name (returns the new end) or, failing that, one before it in {@code sb}. */
    private static int dropAdjacentComma(String text, StringBuilder sb, int end) {
        int j = end;
        while (j < text.length() && Character.isWhitespace(text.charAt(j))) {
            j++;
        }
        if (j < text.length() && text.charAt(j) == ',') {
            return j + 1;
        }
        int k = sb.length() - 1;
        while (k >= 0 && Character.isWhitespace(sb.charAt(k))) {
            k--;
        }
        if (k >= 0 && sb.charAt(k) == ',') {
            sb.setLength(k);
        }
        return end;
    }
}
