package io.trailhound.cli.bench;

import io.trailhound.core.rules.LoadResult;
import io.trailhound.core.rules.RuleFormats;
import io.trailhound.core.rules.RuleLoader;
import io.trailhound.core.rules.engine.RuleSet;
import io.trailhound.core.rules.RuleSource;
import io.trailhound.core.rules.ir.CompiledRule;
import io.trailhound.core.rules.ir.RuleFormat;
import io.trailhound.core.rules.ir.RuleInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The rule sets the benchmark runs: one rule, the built-in pack, and the community packs (Falco,
 * Elastic, Sigma) read from a peers folder such as {@code ../shared/peers} when one is given.
 */
final class RulePacks {
    /** The one rule of the "one rule" row: the Falco peer file's, else the built-in pack's first. */
    static final String ONE_RULE = "Console Login Through Assume Role";

    /** The upstream Sigma rule that alerts on every assumed-role event (issue 33). */
    static final String ASSUME_ROLE_MISUSE = "AWS STS AssumeRole Misuse";

    /** The row with the Elastic pack loaded twice. */
    static final String ELASTIC_TWICE = "rules:falco+elastic-twice";

    /** Every pack id {@link #packs} can make, smallest first (which of them it makes depends on the peers folder). */
    static final List<String> IDS = List.of("rules:one", "rules:builtin", "rules:falco", "rules:falco+elastic-no-esql",
            "rules:falco+elastic", ELASTIC_TWICE, "rules:all");

    /** A named rule set with how many rules it enables. */
    record Pack(String id, String description, RuleSet rules) {
    }

    private RulePacks() {
    }

    static Pack builtin() {
        return pack("rules:builtin", "the built-in pack", RuleFormats.builtin().rules());
    }

    /** The packs to measure, smallest first. Missing peer folders leave their packs out. */
    static List<Pack> packs(Path peers, List<String> notes) {
        List<CompiledRule> builtin = RuleFormats.builtin().rules();
        List<Pack> out = new ArrayList<>();
        List<CompiledRule> falco = load(peers, RuleFormat.FALCO, "falco/aws_cloudtrail_rules.yaml", notes);
        List<CompiledRule> one = falco.stream().filter(r -> r.info().name().equals(ONE_RULE)).toList();
        if (one.isEmpty()) {
            one = builtin.subList(0, 1);
        }
        out.add(pack("rules:one", "scan --no-attribute with one rule (" + one.get(0).info().name() + ")", one));
        out.add(pack("rules:builtin", "scan --no-attribute with the built-in pack", builtin));
        if (!falco.isEmpty()) {
            List<CompiledRule> all = new ArrayList<>(builtin);
            all.addAll(falco);
            out.add(pack("rules:falco", "scan --no-attribute, built-in pack + the Falco CloudTrail rules file", all));
            List<CompiledRule> elastic = load(peers, RuleFormat.ELASTIC, "elastic/rules", notes);
            if (!elastic.isEmpty()) {
                // The same row without the pack's ES|QL rules first, so the two rows say what those cost.
                List<CompiledRule> withoutEsql = new ArrayList<>(all);
                elastic.stream().filter(r -> !"esql".equals(r.info().extra().get("type"))).forEach(withoutEsql::add);
                out.add(pack("rules:falco+elastic-no-esql",
                        "scan --no-attribute, built-in + Falco + Elastic AWS rules without their ES|QL rules",
                        withoutEsql));
                all = new ArrayList<>(all);
                all.addAll(elastic);
                out.add(pack("rules:falco+elastic", "scan --no-attribute, built-in + Falco + Elastic AWS rules", all));
                // The Elastic pack loaded a second time under other ids: what one more indexed rule costs.
                List<CompiledRule> twice = new ArrayList<>(all);
                twice.addAll(copies(load(peers, RuleFormat.ELASTIC, "elastic/rules", notes), "#2"));
                out.add(pack(ELASTIC_TWICE, "scan --no-attribute, built-in + Falco + the Elastic AWS rules loaded twice"
                        + " (the second time under other ids)", twice));
                List<CompiledRule> sigma = load(peers, RuleFormat.SIGMA, "sigma/aws", notes);
                if (!sigma.isEmpty()) {
                    all = new ArrayList<>(all);
                    all.addAll(sigma);
                    out.add(pack("rules:all", "scan --no-attribute, built-in + Falco + Elastic + Sigma AWS rules", all));
                }
            }
        }
        return out;
    }

    /** The Sigma AWS rule titled {@code title}, alone, as the pack {@code id}; null when the peers folder lacks it. */
    static Pack sigmaRule(Path peers, String title, String id) {
        List<CompiledRule> one = load(peers, RuleFormat.SIGMA, "sigma/aws", new ArrayList<>()).stream()
                .filter(r -> r.info().name().equals(title)).toList();
        return one.isEmpty() ? null : pack(id, "scan --no-attribute with one Sigma rule (" + title + ")", one);
    }

    /** The rules under other ids and names ({@code suffix} appended), as another pack holding the same rules would load. */
    static List<CompiledRule> copies(List<CompiledRule> rules, String suffix) {
        List<CompiledRule> out = new ArrayList<>(rules.size());
        for (CompiledRule r : rules) {
            RuleInfo i = r.info();
            out.add(r.withInfo(new RuleInfo(i.id() + suffix, i.name() + " " + suffix, i.format(), i.file(), i.line(),
                    i.priority(), i.severity(), i.riskScore(), i.tags(), i.threat(), i.author(), i.description(), i.enabled(),
                    i.disabledReason(), i.needs(), i.extra())));
        }
        return out;
    }

    private static Pack pack(String id, String description, List<CompiledRule> rules) {
        RuleSet set = new RuleSet(rules);
        return new Pack(id, description + ": " + set.enabled().size() + " rules enabled, " + set.catchAll().size()
                + " unindexed", set);
    }

    private static List<CompiledRule> load(Path peers, RuleFormat format, String relative, List<String> notes) {
        if (peers == null) {
            return List.of();
        }
        Path p = peers.resolve(relative);
        if (!Files.exists(p)) {
            notes.add("rule pack " + p + " is absent: its rows are left out.");
            return List.of();
        }
        LoadResult r = RuleFormats.standard().loader().load(List.of(new RuleSource(format, p)));
        if (r.hasErrors()) {
            notes.add("rule pack " + p + " had " + r.errors().size() + " load errors: " + r.errors().get(0));
        }
        return r.rules();
    }
}
