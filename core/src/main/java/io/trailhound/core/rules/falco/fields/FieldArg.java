package io.trailhound.core.rules.falco.fields;

/** Whether a field takes a bracketed argument ({@code json.value[/a/b]}, {@code ec2.imageids[0]}). */
public enum FieldArg {
    NONE, OPTIONAL, REQUIRED
}
