package io.trailhound.core.rules.falco;

/**
 * A macro after append/override. {@code condition} is the text to compile; {@code located} is
 * the scalar it came from (the first definition's, when appended), for error positions.
 */
record MacroDef(String name, String condition, ScalarText located, Position position) {
}
