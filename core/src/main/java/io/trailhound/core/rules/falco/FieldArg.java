package io.trailhound.core.rules.falco;

/** Whether a field takes a bracketed argument ({@code json.value[/a/b]}, {@code ec2.imageids[0]}). */
enum FieldArg {
    NONE, OPTIONAL, REQUIRED
}
