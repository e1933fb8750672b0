package io.trailhound.core.rules.falco;

/** A place in a rule file: 1-based line and column (0 when unknown). */
record Position(String file, int line, int column) {
}
