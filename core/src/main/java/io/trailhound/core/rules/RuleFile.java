package io.trailhound.core.rules;

/**
 * One rule file's text and the name to report it by (a path, or {@code builtin:name.yaml} for the
 * shipped pack). Front ends take text, not paths, so the same code loads files, jar resources and
 * test strings.
 */
public record RuleFile(String name, String text) {
}
