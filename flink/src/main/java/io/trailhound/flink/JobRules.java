package io.trailhound.flink;

import io.trailhound.core.Severity;
import io.trailhound.core.identity.TrustPolicies;
import io.trailhound.core.rules.LoadResult;
import io.trailhound.core.rules.RuleFormats;
import io.trailhound.core.rules.RuleSelection;
import io.trailhound.core.rules.RuleSource;
import io.trailhound.core.rules.elastic.GeoIp;
import io.trailhound.core.rules.engine.Detector;
import io.trailhound.core.rules.engine.RuleSet;
import io.trailhound.core.rules.engine.SignalBudget;
import io.trailhound.core.rules.ir.CompiledRule;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The rules and trust policies every operator of the job works with, loaded once per JVM (a task
 * manager runs many subtasks) from the options, as {@code trailhound scan} loads them: the built-in
 * pack, the rule files, the selection. Enabled rules are named between operators by their ordinal.
 */
public final class JobRules {
    private static final Map<List<Object>, JobRules> LOADED = new ConcurrentHashMap<>();

    final RuleSet ruleSet;
    /** Null when no rule is enabled. */
    final Detector detector;
    final TrustPolicies trust;
    private final CompiledRule[] byOrdinal;
    /** Elastic's max_signals of each enabled rule, null where it sets none. */
    private final SignalBudget.Limit[] limits;
    /** A hit names its rule by the instance the rule set holds. */
    private final Map<CompiledRule, Integer> ordinals = new java.util.IdentityHashMap<>();

    private JobRules(RuleSet ruleSet, TrustPolicies trust) {
        this.ruleSet = ruleSet;
        this.detector = ruleSet.enabled().isEmpty() ? null : new Detector(ruleSet);
        this.trust = trust;
        this.byOrdinal = new CompiledRule[ruleSet.enabled().size()];
        this.limits = new SignalBudget.Limit[byOrdinal.length];
        for (RuleSet.Entry e : ruleSet.enabled()) {
            byOrdinal[e.ordinal()] = e.rule();
            limits[e.ordinal()] = SignalBudget.Limit.of(e.rule().info());
            ordinals.put(e.rule(), e.ordinal());
        }
    }

    static JobRules of(JobOptions o) {
        List<Object> key = List.of(o.rules, o.builtin, o.enable, o.disable, o.tags, String.valueOf(o.minPriority),
                o.falcoFirstMatch, String.valueOf(o.geoipCity), String.valueOf(o.geoipAsn), o.authorizationDetails);
        return LOADED.computeIfAbsent(key, k -> load(o));
    }

    int ordinal(CompiledRule enabled) {
        return ordinals.get(enabled);
    }

    CompiledRule rule(int ordinal) {
        return byOrdinal[ordinal];
    }

    /** The rule's {@code max_signals}, or null when it has none. */
    SignalBudget.Limit limit(int ordinal) {
        return limits[ordinal];
    }

    /** Loads as the CLI does; rule files with errors fail the job with the first error. */
    static LoadResult loadResult(JobOptions o) {
        List<RuleSource> sources = new ArrayList<>();
        for (String spec : o.rules) {
            sources.add(RuleSource.parse(spec));
        }
        List<LoadResult> parts = new ArrayList<>();
        if (o.builtin) {
            parts.add(RuleFormats.builtin());
        }
        parts.add(RuleFormats.with(GeoIp.open(path(o.geoipCity), path(o.geoipAsn)), o.falcoFirstMatch).loader().load(sources));
        return LoadResult.concat(parts);
    }

    private static JobRules load(JobOptions o) {
        LoadResult result = loadResult(o);
        if (result.hasErrors()) {
            throw new IllegalArgumentException("rule load error: " + result.errors().get(0));
        }
        Severity min = null;
        if (o.minPriority != null) {
            min = Severity.parse(o.minPriority);
            if (min == null) {
                throw new IllegalArgumentException("--min-priority: unknown level '" + o.minPriority + "'");
            }
        }
        List<CompiledRule> rules = new RuleSelection(o.enable, o.disable, o.tags, min).apply(result.rules());
        try {
            List<Path> details = o.authorizationDetails.stream().map(Path::of).toList();
            return new JobRules(new RuleSet(rules), TrustPolicies.read(details));
        } catch (IOException e) {
            throw new IllegalArgumentException("--authorization-details: " + e.getMessage(), e);
        }
    }

    private static Path path(String p) {
        return p == null ? null : Path.of(p);
    }
}
