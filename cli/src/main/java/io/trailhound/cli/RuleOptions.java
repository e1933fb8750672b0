package io.trailhound.cli;

import io.trailhound.core.rules.LoadProblem;
import io.trailhound.core.rules.LoadResult;
import io.trailhound.core.rules.RuleFormats;
import io.trailhound.core.rules.RuleSelection;
import io.trailhound.core.rules.RuleSource;
import io.trailhound.core.rules.ir.CompiledRule;
import io.trailhound.core.Severity;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Which rules a command loads and runs: shared by {@code scan} and {@code rules list}. */
final class RuleOptions {
    @Option(names = "--rules", paramLabel = "FORMAT:PATH",
            description = "Rules to run besides the built-in pack, repeatable: falco:FILE-OR-DIR (every .yaml/.yml), "
                    + "elastic:FILE-OR-DIR (every .toml), sigma:FILE-OR-DIR (every .yml/.yaml). Formats mix in one run.")
    List<String> rules = new ArrayList<>();

    @Option(names = "--builtin", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Run Trailhound's built-in rule pack (default: on; --no-builtin to leave it out). "
                    + "'trailhound rules list' shows it.")
    boolean builtin;

    @Option(names = "--enable", paramLabel = "NAME|ID|TAG",
            description = "Turn on rules that their file disables, by name, id or tag; * and ? make a pattern. Repeatable.")
    List<String> enable = new ArrayList<>();

    @Option(names = "--disable", paramLabel = "NAME|ID|TAG",
            description = "Turn off rules by name, id or tag; * and ? make a pattern. Repeatable; wins over --enable.")
    List<String> disable = new ArrayList<>();

    @Option(names = "--tag", paramLabel = "TAG", description = "Only run rules with one of these tags. Repeatable.")
    List<String> tags = new ArrayList<>();

    @Option(names = "--min-priority", paramLabel = "LEVEL",
            description = "Only run rules at or above this level: info, low, medium, high, critical, or a Falco priority "
                    + "(debug, informational, notice, warning, error, critical, alert, emergency) or Sigma level.")
    String minPriority;

    @Mixin
    GeoIpOptions geoip = new GeoIpOptions();

    /** The rules loaded and selected; load problems are printed on {@code err}. Errors make it throw. */
    Loaded load(PrintStream err, boolean quiet) {
        return load(err, quiet, false);
    }

    /** As {@link #load(PrintStream, boolean)}, with Falco's {@code rule_matching: first} for the Falco files when asked. */
    Loaded load(PrintStream err, boolean quiet, boolean falcoFirstMatch) {
        List<RuleSource> sources = new ArrayList<>();
        for (String spec : rules) {
            sources.add(RuleSource.parse(spec));
        }
        List<LoadResult> parts = new ArrayList<>();
        if (builtin) {
            parts.add(RuleFormats.builtin());
        }
        parts.add(geoip.loader(falcoFirstMatch).load(sources));
        LoadResult result = LoadResult.concat(parts);
        report(err, result, quiet);
        if (result.hasErrors()) {
            throw new RuleLoadException(result.errors().size());
        }
        Severity min = null;
        if (minPriority != null) {
            min = Severity.parse(minPriority);
            if (min == null) {
                throw new IllegalArgumentException("--min-priority: unknown level '" + minPriority + "'");
            }
        }
        RuleSelection sel = new RuleSelection(enable, disable, tags, min);
        return new Loaded(result, sel.apply(result.rules()));
    }

    /** Prints errors and warnings (and, unless quiet, notices) with file, line and column. */
    static void report(PrintStream err, LoadResult result, boolean quiet) {
        int notices = 0;
        for (LoadProblem p : result.problems()) {
            if (p.level() == LoadProblem.Level.NOTICE && quiet) {
                notices++;
                continue;
            }
            err.println("trailhound: " + TerminalText.escape(p.toString()));
        }
        if (!result.skipped().isEmpty() && !quiet) {
            err.println(String.format(Locale.ROOT, "trailhound: %d rules skipped (not for CloudTrail); 'rules validate' lists them",
                    result.skipped().size()));
        }
        if (notices > 0) {
            err.println(String.format(Locale.ROOT, "trailhound: %d notices; 'rules validate' shows them", notices));
        }
    }

    /** What was loaded, and the rules with the selection applied (enabled flags set). */
    record Loaded(LoadResult result, List<CompiledRule> rules) {
    }

    /** Rule files had errors: the command stops with exit code 2 after they were printed. */
    static final class RuleLoadException extends IllegalArgumentException {
        RuleLoadException(int errors) {
            super(errors + " rule load error" + (errors == 1 ? "" : "s") + " (see above)");
        }
    }
}
