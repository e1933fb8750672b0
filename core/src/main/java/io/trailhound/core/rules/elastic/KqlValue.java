package io.trailhound.core.rules.elastic;

import java.util.List;

/**
 * A KQL literal after escapes are resolved: the literal text between unescaped {@code *} wildcards
 * ({@code a*b} is {@code ["a", "b"]}, a lone {@code *} is {@code ["", ""]}). A quoted literal is
 * one part: KQL has no wildcards inside quotes. {@code ?} is not a KQL wildcard (Kibana's grammar
 * has only {@code *}), so it is literal text.
 */
record KqlValue(List<String> parts, boolean quoted) {
    public KqlValue {
        parts = List.copyOf(parts);
    }

    public boolean hasWildcard() {
        return parts.size() > 1;
    }

    /** Just {@code *}: an exists test. */
    public boolean isStar() {
        return parts.size() == 2 && parts.get(0).isEmpty() && parts.get(1).isEmpty();
    }

    /** The text with wildcards written as {@code *} (for messages and field names). */
    public String text() {
        return String.join("*", parts);
    }
}
