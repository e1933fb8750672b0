package io.trailhound.core.rules;

import io.trailhound.core.rules.ir.CompiledRule;
import io.trailhound.core.rules.ir.Predicate;
import io.trailhound.core.rules.ir.RuleInfo;
import io.trailhound.core.Severity;
import io.trailhound.core.rules.ir.Wildcard;
import java.util.ArrayList;
import java.util.List;

/**
 * Which loaded rules run: {@code --enable} and {@code --disable} by name, id or tag (a {@code *}
 * makes it a pattern, case-insensitive), {@code --tag} to keep only rules with one of the tags,
 * and {@code --min-priority}. Disabling wins over enabling; a rule that cannot run (an unsupported
 * type) stays off whatever is asked.
 */
public record RuleSelection(List<String> enable, List<String> disable, List<String> tags, Severity minSeverity) {
    public RuleSelection {
        enable = List.copyOf(enable);
        disable = List.copyOf(disable);
        tags = List.copyOf(tags);
    }

    public static RuleSelection all() {
        return new RuleSelection(List.of(), List.of(), List.of(), null);
    }

    /** The rules with their enabled flag set as this selection says, in the same order. */
    public List<CompiledRule> apply(List<CompiledRule> rules) {
        List<CompiledRule> out = new ArrayList<>(rules.size());
        for (CompiledRule r : rules) {
            out.add(r.withInfo(decide(r)));
        }
        return out;
    }

    private RuleInfo decide(CompiledRule r) {
        RuleInfo info = r.info();
        if (!runnable(r)) {
            return info.enabled() ? info.withEnabled(false, "cannot run") : info;
        }
        if (matchesAny(disable, info)) {
            return info.withEnabled(false, "disabled by --disable");
        }
        if (!tags.isEmpty() && !hasTag(info)) {
            return info.withEnabled(false, "no tag named by --tag");
        }
        if (minSeverity != null && info.severity() != null && info.severity().compareTo(minSeverity) < 0) {
            return info.withEnabled(false, "below --min-priority " + minSeverity.id());
        }
        if (!info.enabled() && matchesAny(enable, info)) {
            return info.withEnabled(true, null);
        }
        return info;
    }

    /** A rule whose language features we do not support compiles to no condition, or to FALSE and off. */
    public static boolean runnable(CompiledRule r) {
        if (r.condition() == null) {
            return false;
        }
        return r.info().enabled() || !(r.condition() instanceof Predicate.Const c && !c.value());
    }

    private boolean hasTag(RuleInfo info) {
        for (String t : tags) {
            for (String have : info.tags()) {
                if (have.equalsIgnoreCase(t)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean matchesAny(List<String> selectors, RuleInfo info) {
        for (String s : selectors) {
            if (s.indexOf('*') >= 0 || s.indexOf('?') >= 0) {
                Wildcard w = Wildcard.parse(s, true);
                if (w.test(info.name()) || (info.id() != null && w.test(info.id()))
                        || info.tags().stream().anyMatch(w::test)) {
                    return true;
                }
            } else if (s.equalsIgnoreCase(info.name()) || s.equalsIgnoreCase(info.id())
                    || info.tags().stream().anyMatch(s::equalsIgnoreCase)) {
                return true;
            }
        }
        return false;
    }
}
