package io.trailhound.core.rules.esql;

import io.trailhound.core.rules.load.RuleSyntaxException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code DISSECT}: Elasticsearch's dissect pattern, keys {@code %{name}} between literal
 * delimiters, matched left to right, each key ending at the first following occurrence of its
 * delimiter. {@code %{}} and {@code %{?name}} match without making a column, {@code %{+name}}
 * appends to an earlier key with the append separator, {@code ->} after a key skips repeats of
 * the delimiter that follows it. When a delimiter is missing every new column is null.
 * Reference keys ({@code *}, {@code &}) are {@link Unsupported}.
 */
final class Dissect {
    /** One key and the delimiter after it. */
    private record Part(String name, boolean skip, boolean append, boolean padded, String delimiter) {
    }

    private final String prefix;
    private final List<Part> parts = new ArrayList<>();
    private final List<String> names = new ArrayList<>();
    private final String separator;

    Dissect(String pattern, String separator, int offset) {
        this.separator = separator;
        int first = pattern.indexOf("%{");
        if (first < 0) {
            throw RuleSyntaxException.inQuery("DISSECT pattern has no key", offset);
        }
        prefix = pattern.substring(0, first);
        int i = first;
        while (i >= 0 && i < pattern.length()) {
            int end = pattern.indexOf('}', i + 2);
            if (end < 0) {
                throw RuleSyntaxException.inQuery("DISSECT: unterminated %{", offset);
            }
            String key = pattern.substring(i + 2, end);
            int next = pattern.indexOf("%{", end + 1);
            String delimiter = pattern.substring(end + 1, next < 0 ? pattern.length() : next);
            boolean padded = key.endsWith("->");
            if (padded) {
                key = key.substring(0, key.length() - 2);
            }
            boolean skip = key.isEmpty() || key.startsWith("?");
            boolean append = key.startsWith("+");
            if (key.startsWith("*") || key.startsWith("&")) {
                throw new Unsupported("DISSECT reference keys (%{*k} / %{&k}) are not supported", offset);
            }
            String name = skip ? null : append ? key.substring(1) : key;
            if (name != null && !names.contains(name)) {
                names.add(name);
            }
            if (next >= 0 && delimiter.isEmpty()) {
                throw RuleSyntaxException.inQuery("DISSECT keys need a delimiter between them", offset);
            }
            parts.add(new Part(name, skip, append, padded, delimiter));
            i = next;
        }
        if (names.isEmpty()) {
            throw RuleSyntaxException.inQuery("DISSECT pattern names no column", offset);
        }
    }

    List<String> names() {
        return names;
    }

    /** Texts every match contains: the prefix and each delimiter (for {@link MemberPrefilter}). */
    List<String> requiredLiterals() {
        List<String> out = new ArrayList<>();
        if (!prefix.isEmpty()) {
            out.add(prefix);
        }
        for (Part p : parts) {
            if (!p.delimiter().isEmpty()) {
                out.add(p.delimiter());
            }
        }
        return out;
    }

    /** Writes the new columns for {@code input} into {@code out} at {@code slots} (in {@link #names()} order). */
    void apply(Object input, Object[] out, int[] slots) {
        for (int s : slots) {
            out[s] = null;
        }
        if (!(input instanceof String s) || !s.startsWith(prefix)) {
            return;
        }
        String[] values = new String[names.size()];
        int at = prefix.length();
        for (Part p : parts) {
            int end;
            if (p.delimiter().isEmpty()) {
                end = s.length();
            } else {
                end = s.indexOf(p.delimiter(), at);
                if (end < 0) {
                    return; // no match: every column stays null
                }
            }
            if (p.name() != null) {
                int k = names.indexOf(p.name());
                String v = s.substring(at, end);
                values[k] = p.append() && values[k] != null ? values[k] + separator + v : v;
            }
            at = end + p.delimiter().length();
            if (p.padded()) {
                while (!p.delimiter().isEmpty() && s.startsWith(p.delimiter(), at)) {
                    at += p.delimiter().length();
                }
            }
        }
        for (int k = 0; k < values.length; k++) {
            // Elasticsearch's dissect leaves out empty values.
            out[slots[k]] = values[k] == null || values[k].isEmpty() ? null : values[k];
        }
    }
}
