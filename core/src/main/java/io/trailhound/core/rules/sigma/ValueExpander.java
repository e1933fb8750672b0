package io.trailhound.core.rules.sigma;

import io.trailhound.core.rules.load.RuleLimits;
import io.trailhound.core.rules.load.RuleSyntaxException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The modifiers that turn one written value into the values actually searched for:
 * {@code expand} (placeholders), {@code windash}, the text encodings ({@code wide}, {@code utf16*})
 * and {@code base64} / {@code base64offset}. Each returns alternatives: the field matches if any
 * of them matches. Only rule text goes through here, never log data.
 */
final class ValueExpander {
    private static final Pattern PLACEHOLDER = Pattern.compile("%([A-Za-z0-9_.\\-]+)%");
    // pySigma's windash: a dash or slash that starts an option word.
    private static final Pattern WINDASH = Pattern.compile("\\B[-/]\\b");
    private static final List<String> DASHES = List.of("-", "/", "\u2013", "\u2014", "\u2015");

    private final Map<String, List<String>> placeholders;

    ValueExpander(Map<String, List<String>> placeholders) {
        this.placeholders = placeholders;
    }

    /** The raw (wildcard-bearing) value after {@code expand} and {@code windash}. */
    List<String> expandText(FieldKey key, String raw, int line) {
        List<String> out = List.of(raw);
        if (key.has(Modifier.EXPAND)) {
            out = placeholders(raw, line);
        }
        if (key.has(Modifier.WINDASH)) {
            List<String> dashed = new ArrayList<>();
            for (String v : out) {
                for (String d : DASHES) {
                    dashed.add(WINDASH.matcher(v).replaceAll(Matcher.quoteReplacement(d)));
                }
            }
            out = dashed.stream().distinct().toList();
        }
        return out;
    }

    /**
     * Every combination of the placeholders' values, the first placeholder varying fastest. Built
     * in a loop, with the number of combinations bounded: {@code %a%} written 100 times over two
     * values is 2^100 of them.
     */
    private List<String> placeholders(String raw, int line) {
        Matcher m = PLACEHOLDER.matcher(raw);
        List<String> out = List.of("");
        int from = 0;
        while (m.find()) {
            String name = m.group(1);
            List<String> values = placeholders.get(name);
            if (values == null || values.isEmpty()) {
                throw RuleSyntaxException.atLine(line, "SIGMA_PLACEHOLDER_NOT_CONFIGURED", "placeholder %" + name
                        + "% has no configured values (the 'expand' modifier needs them)");
            }
            if ((long) out.size() * values.size() > RuleLimits.MAX_VALUE_EXPANSION) {
                throw RuleSyntaxException.atLine(line, "SIGMA_TOO_LARGE", "value expands to more than "
                        + RuleLimits.MAX_VALUE_EXPANSION + " alternatives with its placeholders");
            }
            String before = raw.substring(from, m.start());
            List<String> next = new ArrayList<>(out.size() * values.size());
            for (String v : values) {
                for (String prefix : out) {
                    next.add(prefix + before + v);
                }
            }
            out = next;
            from = m.end();
        }
        if (from == 0) {
            return List.of(raw);
        }
        String rest = raw.substring(from);
        return out.stream().map(prefix -> prefix + rest).toList();
    }

    /** True when the key asks for an encoded search ({@code base64}, {@code base64offset}). */
    static boolean encodes(FieldKey key) {
        return key.has(Modifier.BASE64) || key.has(Modifier.BASE64OFFSET);
    }

    /** The encoded forms of a plain value: one for {@code base64}, three for {@code base64offset}. */
    static List<String> encode(FieldKey key, String plain) {
        byte[] bytes = plain.getBytes(charset(key));
        if (key.has(Modifier.UTF16)) {
            byte[] bom = new byte[bytes.length + 2];
            bom[0] = (byte) 0xFF;
            bom[1] = (byte) 0xFE;
            System.arraycopy(bytes, 0, bom, 2, bytes.length);
            bytes = bom;
        }
        Base64.Encoder b64 = Base64.getEncoder();
        if (key.has(Modifier.BASE64)) {
            return List.of(b64.encodeToString(bytes));
        }
        // base64offset: the value may start at any of the three byte offsets of a base64 block; keep
        // only the characters that do not depend on the bytes around it (as pySigma does).
        List<String> out = new ArrayList<>();
        int[] start = {0, 2, 3};
        int[] endTrim = {0, 3, 2};
        for (int i = 0; i < 3; i++) {
            byte[] shifted = new byte[bytes.length + i];
            System.arraycopy(bytes, 0, shifted, i, bytes.length);
            for (int j = 0; j < i; j++) {
                shifted[j] = ' ';
            }
            String enc = b64.encodeToString(shifted);
            int end = enc.length() - endTrim[(bytes.length + i) % 3];
            out.add(enc.substring(Math.min(start[i], end), end));
        }
        return out;
    }

    private static Charset charset(FieldKey key) {
        if (key.has(Modifier.WIDE) || key.has(Modifier.UTF16LE) || key.has(Modifier.UTF16)) {
            return StandardCharsets.UTF_16LE;
        }
        if (key.has(Modifier.UTF16BE)) {
            return StandardCharsets.UTF_16BE;
        }
        return StandardCharsets.UTF_8;
    }
}
