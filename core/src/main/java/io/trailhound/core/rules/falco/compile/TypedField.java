package io.trailhound.core.rules.falco.compile;

import io.trailhound.core.rules.falco.fields.FieldType;
import io.trailhound.core.rules.ir.Accessor;

/** A resolved field expression: how to read it, and its Falco type (which decides the operators). */
public record TypedField(Accessor accessor, FieldType type, String text) {
}
