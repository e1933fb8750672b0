package io.trailhound.core.rules.falco;

import io.trailhound.core.rules.load.Position;
/**
 * A macro after append/override. {@code condition} is the text to compile; {@code located} is
 * the scalar it came from (the first definition's, when appended), for error positions.
 */
record MacroDef(String name, String condition, ScalarText located, Position position) {
}
