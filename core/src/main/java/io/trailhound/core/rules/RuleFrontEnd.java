package io.trailhound.core.rules;

import io.trailhound.core.rules.ir.RuleFormat;
import io.trailhound.core.rules.ir.RuleInfo;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A rule language: reads its files and compiles every rule to the shared IR
 * ({@link io.trailhound.core.rules.ir.CompiledRule}). It never evaluates events itself. Everything
 * the rest of Trailhound needs to know of a language is asked here, so adding one is one entry in
 * {@link RuleFormats}: its word on the command line ({@link #id}), which files are its
 * ({@link #extensions}, {@link #accepts}, {@link #recognises}), how its alerts word a rule's level
 * ({@link #priorityWord}) and its rule types ({@link #ruleType}).
 */
public interface RuleFrontEnd {
    /** The label its rules carry. */
    RuleFormat format();

    /** The FORMAT word of {@code --rules FORMAT:PATH}. */
    default String id() {
        return format().id();
    }

    /** The file name endings of its rule files, lower case, most usual first ({@code .yaml}). */
    List<String> extensions();

    /**
     * Whether a file met while walking a directory given with {@code --rules FORMAT:DIR} is one of
     * ours: by default, whether its name ends with one of {@link #extensions}, in any case.
     */
    default boolean accepts(Path file) {
        Path name = file.getFileName();
        if (name == null) {
            return false;
        }
        String n = name.toString().toLowerCase(Locale.ROOT);
        for (String e : extensions()) {
            if (n.endsWith(e)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a file it {@link #accepts} is surely ours by its content, for a path given without
     * its format ({@code rules validate x.yml}): languages that share an extension tell their files
     * apart here. A file no front end recognises goes to the first that accepts it. Reading
     * errors answer false (the loader reports them).
     */
    default boolean recognises(Path file) {
        return false;
    }

    /**
     * How an alert (JSON {@code priority}) words the rule's level: by default the rule's own word,
     * or the shared severity when the language has none.
     */
    default String priorityWord(RuleInfo rule) {
        return rule.priority() != null ? rule.priority() : rule.severity() == null ? "" : rule.severity().id();
    }

    /** The rule's type for {@code rules list}: the language's own word when it has types, else {@code rule}. */
    default String ruleType(RuleInfo rule) {
        String t = rule.extra().get("type");
        return t != null ? t : "rule";
    }

    /**
     * Loads files together, in order: for Falco, later files may append to or override what
     * earlier ones defined, and macros and lists are shared. A bad rule is reported in the result
     * and never stops the others from loading where the language allows it. Keeps no state between
     * calls: one front end serves every load of a run.
     */
    LoadResult load(List<RuleFile> files);
}
