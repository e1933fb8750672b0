package io.trailhound.core.rules;

import io.trailhound.core.rules.ir.RuleFormat;
import java.nio.file.Path;
import java.util.Locale;

/** One {@code --rules FORMAT:PATH}: a file or a directory of rules in one language. */
public record RuleSource(RuleFormat format, Path path) {
    /**
     * Parses {@code falco:rules/}, {@code elastic:x.toml}, {@code sigma:dir}. Throws
     * IllegalArgumentException with the accepted forms when the format is missing or unknown.
     */
    public static RuleSource parse(String spec) {
        int colon = spec.indexOf(':');
        String usage = "expected FORMAT:PATH with FORMAT one of falco, elastic, sigma (e.g. falco:rules.yaml), got '"
                + spec + "'";
        if (colon <= 0 || colon == spec.length() - 1) {
            throw new IllegalArgumentException(usage);
        }
        String f = spec.substring(0, colon).toLowerCase(Locale.ROOT);
        RuleFormat format = switch (f) {
            case "falco" -> RuleFormat.FALCO;
            case "elastic" -> RuleFormat.ELASTIC;
            case "sigma" -> RuleFormat.SIGMA;
            default -> throw new IllegalArgumentException(usage);
        };
        return new RuleSource(format, Path.of(spec.substring(colon + 1)));
    }

    @Override
    public String toString() {
        return format.id() + ":" + path;
    }
}
