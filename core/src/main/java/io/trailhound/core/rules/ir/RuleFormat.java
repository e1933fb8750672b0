package io.trailhound.core.rules.ir;

import java.util.Locale;

/** The language a rule was written in; the prefix of {@code --rules FORMAT:PATH}. */
public enum RuleFormat {
    FALCO, ELASTIC, SIGMA, BUILTIN;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
