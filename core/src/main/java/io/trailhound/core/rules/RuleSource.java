package io.trailhound.core.rules;

import io.trailhound.core.rules.ir.RuleFormat;
import java.nio.file.Path;

/** One {@code --rules FORMAT:PATH}: a file or a directory of rules in one language. */
public record RuleSource(RuleFormat format, Path path) {
    /**
     * Parses {@code falco:rules/}, {@code elastic:x.toml}, {@code sigma:dir}: FORMAT is the word of
     * a front end {@link RuleFormats} registers. Throws IllegalArgumentException with the accepted
     * forms when the format is missing or unknown.
     */
    public static RuleSource parse(String spec) {
        RuleFormats formats = RuleFormats.standard();
        int colon = spec.indexOf(':');
        String usage = "expected FORMAT:PATH with FORMAT one of " + String.join(", ", formats.ids())
                + " (e.g. falco:rules.yaml), got '" + spec + "'";
        if (colon <= 0 || colon == spec.length() - 1) {
            throw new IllegalArgumentException(usage);
        }
        RuleFrontEnd frontEnd = formats.byId(spec.substring(0, colon));
        if (frontEnd == null) {
            throw new IllegalArgumentException(usage);
        }
        return new RuleSource(frontEnd.format(), Path.of(spec.substring(colon + 1)));
    }

    @Override
    public String toString() {
        return format.id() + ":" + path;
    }
}
