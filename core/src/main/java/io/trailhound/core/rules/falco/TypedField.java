package io.trailhound.core.rules.falco;

import io.trailhound.core.rules.ir.Accessor;

/** A resolved field expression: how to read it, and its Falco type (which decides the operators). */
record TypedField(Accessor accessor, FieldType type, String text) {
}
