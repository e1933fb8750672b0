package io.trailhound.core.rules.load;

import java.util.Optional;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;

/**
 * A rule file's YAML is well formed but breaks one of {@link RuleYaml}'s limits, at the node
 * {@link #getProblemMark()} points to. A {@link MarkedYamlEngineException}, so a front end that
 * reports YAML errors with their position reports these too; {@link #kind()} lets it pick a code.
 */
public final class YamlLimitException extends MarkedYamlEngineException {
    /** Which limit was broken. */
    public enum Kind {
        /** Collections nested deeper than the limit. */
        TOO_DEEP,
        /** More nodes or characters than the limit once aliases are expanded. */
        TOO_LARGE,
        /** A key repeated in one mapping: YAML forbids it, and one value would silently win. */
        DUPLICATE_KEY
    }

    private final Kind kind;

    YamlLimitException(Kind kind, String problem, Optional<Mark> at) {
        super(null, Optional.empty(), problem, at);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
