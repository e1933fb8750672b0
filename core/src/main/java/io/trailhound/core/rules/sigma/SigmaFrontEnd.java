package io.trailhound.core.rules.sigma;

import io.trailhound.core.rules.LoadResult;
import io.trailhound.core.rules.RuleFile;
import io.trailhound.core.rules.RuleFrontEnd;
import io.trailhound.core.rules.ir.CompiledRule;
import io.trailhound.core.rules.ir.RuleFormat;
import io.trailhound.core.rules.ir.RuleInfo;
import io.trailhound.core.rules.load.Position;
import io.trailhound.core.rules.load.Problems;
import io.trailhound.core.rules.load.RuleSyntaxException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Sigma rules (specification v2) on CloudTrail. Loading goes reader (YAML documents with lines) →
 * collector (rule collections: {@code action: global / repeat / reset}) → rule compiler
 * (metadata, logsource filter, detection) → correlation compiler (correlations refer to rules of
 * any file loaded together, by name or id). A bad rule is reported and the others still load.
 */
public final class SigmaFrontEnd implements RuleFrontEnd {
    private final Map<String, List<String>> placeholders;

    /** Without placeholder values: a rule using {@code |expand} fails to load, saying which placeholder. */
    public SigmaFrontEnd() {
        this(Map.of());
    }

    /** @param placeholders values for {@code %name%} placeholders of the {@code expand} modifier */
    public SigmaFrontEnd(Map<String, List<String>> placeholders) {
        this.placeholders = Map.copyOf(placeholders);
    }

    @Override
    public RuleFormat format() {
        return RuleFormat.SIGMA;
    }

    @Override
    public List<String> extensions() {
        return List.of(".yml", ".yaml");
    }

    /** A YAML file with a top-level {@code detection} or {@code correlation} is Sigma's (Falco's have neither). */
    @Override
    public boolean recognises(Path file) {
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return lines.anyMatch(l -> l.startsWith("detection:") || l.startsWith("correlation:"));
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }

    /** A correlation rule is listed as {@code correlation}. */
    @Override
    public String ruleType(RuleInfo rule) {
        String t = rule.extra().get("type");
        return t != null ? t : rule.extra().containsKey("correlation") ? "correlation" : "rule";
    }

    @Override
    public LoadResult load(List<RuleFile> files) {
        Problems problems = new Problems();
        List<SigmaDocument> documents = new ArrayList<>();
        RuleCollector collector = new RuleCollector(problems);
        for (RuleFile f : files) {
            try {
                documents.addAll(collector.collect(f.name(), new YamlReader().documents(f.name(), f.text())));
            } catch (RuleSyntaxException e) {
                problems.error(Position.of(f.name(), 0), null, e);
            }
        }
        return new Loading(problems).run(documents);
    }

    /** The state of one load: compiled rules in document order, and the index correlations look rules up in. */
    private final class Loading {
        private final Problems problems;
        private final RuleInfoReader infos;
        private final RuleCompiler rules;
        private final List<CompiledRule> compiled = new ArrayList<>();
        private final List<LoadResult.Skipped> skipped = new ArrayList<>();
        private final Map<String, CompiledRule> byRef = new HashMap<>();
        private final Map<CompiledRule, String> silencedBy = new IdentityHashMap<>();
        private final Set<String> skippedRefs = new HashSet<>(); // names and ids of rules for other log sources

        Loading(Problems problems) {
            this.problems = problems;
            this.infos = new RuleInfoReader(problems);
            this.rules = new RuleCompiler(new DetectionCompiler(new SearchCompiler(
                    new FieldSearchCompiler(new ValueMatcherCompiler(new ValueExpander(placeholders))))));
        }

        LoadResult run(List<SigmaDocument> documents) {
            Map<SigmaDocument, Integer> correlationSlots = new LinkedHashMap<>();
            for (SigmaDocument d : documents) {
                if (d.isCorrelation()) {
                    correlationSlots.put(d, compiled.size());
                    compiled.add(null); // keeps document order; filled once every rule is known
                } else {
                    rule(d);
                }
            }
            for (Map.Entry<SigmaDocument, Integer> e : correlationSlots.entrySet()) {
                compiled.set(e.getValue(), correlation(e.getKey()));
            }
            List<CompiledRule> out = new ArrayList<>();
            for (CompiledRule r : compiled) {
                if (r != null) {
                    String by = silencedBy.get(r);
                    out.add(by == null ? r : r.withInfo(r.info().withEnabled(false,
                            "used by correlation '" + by + "' (generate: false)")));
                }
            }
            return new LoadResult(out, skipped, problems.list());
        }

        private void rule(SigmaDocument d) {
            try {
                RuleInfo info = infos.read(d);
                String whyNot = LogsourceFilter.whyNot(d.body().get("logsource"));
                if (whyNot != null) {
                    skippedRefs.add(info.id());
                    String name = RuleInfoReader.text(d.body(), "name");
                    if (name != null) {
                        skippedRefs.add(name);
                    }
                    skipped.add(new LoadResult.Skipped(d.file(), d.line(), info.name(), whyNot));
                    problems.notice(Position.of(d.file(), d.line()), info.name(), "SIGMA_OTHER_LOGSOURCE",
                            "skipped: " + whyNot);
                    return;
                }
                CompiledRule r = rules.compile(d, info);
                compiled.add(r);
                if (byRef.containsKey(info.id())) {
                    problems.warning(Position.of(d.file(), d.line()), info.name(), "SIGMA_DUPLICATE_ID",
                            "id " + info.id() + " is also the id of '" + byRef.get(info.id()).info().name()
                            + "' (" + byRef.get(info.id()).info().file() + "); correlations will use this one");
                }
                byRef.put(info.id(), r);
                String name = RuleInfoReader.text(d.body(), "name");
                if (name != null) {
                    byRef.put(name, r);
                }
            } catch (RuleSyntaxException e) {
                problems.error(Position.of(d.file(), d.line()), d.title(), e);
            }
        }

        private CompiledRule correlation(SigmaDocument d) {
            try {
                RuleInfo info = infos.read(d);
                String other = CorrelationCompiler.references(d).stream().filter(skippedRefs::contains).findFirst()
                        .orElse(null);
                if (other != null) {
                    String why = "refers to rule '" + other + "', which is for another log source";
                    skipped.add(new LoadResult.Skipped(d.file(), d.line(), info.name(), why));
                    problems.notice(Position.of(d.file(), d.line()), info.name(), "SIGMA_OTHER_LOGSOURCE",
                            "skipped: " + why);
                    return null;
                }
                CorrelationCompiler.Result r = new CorrelationCompiler().compile(d, info, byRef);
                if (!r.generate()) {
                    for (CompiledRule used : r.referenced()) {
                        silencedBy.putIfAbsent(used, info.name());
                    }
                }
                return r.rule();
            } catch (RuleSyntaxException e) {
                problems.error(Position.of(d.file(), d.line()), d.title(), e);
                return null;
            }
        }
    }
}
