package io.trailhound.core.rules;

import io.trailhound.core.rules.ir.CompiledRule;
import java.util.ArrayList;
import java.util.List;

/**
 * What loading some rule files gave: the compiled rules in file order (disabled ones included, with
 * their reason), the rules skipped as not about CloudTrail, and every problem found.
 */
public record LoadResult(List<CompiledRule> rules, List<Skipped> skipped, List<LoadProblem> problems) {
    public LoadResult {
        rules = List.copyOf(rules);
        skipped = List.copyOf(skipped);
        problems = List.copyOf(problems);
    }

    /** A rule left out on purpose (another log source, another product), with why. */
    public record Skipped(String file, int line, String rule, String reason) {
    }

    public List<LoadProblem> errors() {
        return problems.stream().filter(p -> p.level() == LoadProblem.Level.ERROR).toList();
    }

    public boolean hasErrors() {
        return problems.stream().anyMatch(p -> p.level() == LoadProblem.Level.ERROR);
    }

    /** Several results as one, in order. */
    public static LoadResult concat(List<LoadResult> parts) {
        List<CompiledRule> r = new ArrayList<>();
        List<Skipped> s = new ArrayList<>();
        List<LoadProblem> p = new ArrayList<>();
        for (LoadResult x : parts) {
            r.addAll(x.rules);
            s.addAll(x.skipped);
            p.addAll(x.problems);
        }
        return new LoadResult(r, s, p);
    }
}
