package io.trailhound.core.rules;

import io.trailhound.core.rules.ir.RuleFormat;
import java.nio.file.Path;
import java.util.List;

/**
 * A rule language: reads its files and compiles every rule to the shared IR
 * ({@link io.trailhound.core.rules.ir.CompiledRule}). It never evaluates events itself.
 */
public interface RuleFrontEnd {
    RuleFormat format();

    /** Whether a file met while walking a directory given with {@code --rules FORMAT:DIR} is one of ours. */
    boolean accepts(Path file);

    /**
     * Loads files together, in order: for Falco, later files may append to or override what
     * earlier ones defined, and macros and lists are shared. A bad rule is reported in the result
     * and never stops the others from loading where the language allows it.
     */
    LoadResult load(List<RuleFile> files);
}
