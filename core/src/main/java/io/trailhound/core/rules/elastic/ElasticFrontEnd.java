package io.trailhound.core.rules.elastic;

import io.trailhound.core.rules.LoadResult;
import io.trailhound.core.rules.RuleFile;
import io.trailhound.core.rules.RuleFrontEnd;
import io.trailhound.core.rules.ir.CompiledRule;
import io.trailhound.core.rules.ir.RuleFormat;
import io.trailhound.core.rules.load.Problems;
import io.trailhound.core.rules.load.RuleSyntaxException;
import java.util.ArrayList;
import java.util.List;

/**
 * Elastic detection rules (the detection-rules repository's TOML, one rule per file) compiled to
 * the shared IR: KQL and EQL over the ECS view of CloudTrail
 * ({@link io.trailhound.core.rules.elastic.EcsFields}), {@code query}, {@code new_terms},
 * {@code threshold}, {@code eql} and {@code esql} rules enabled (an ES|QL query using what the
 * engine does not run, and machine-learning rules, loaded disabled with the reason). Files are
 * independent: one bad file never stops the others.
 */
public final class ElasticFrontEnd implements RuleFrontEnd {
    private final TomlRuleReader reader = new TomlRuleReader();
    private final ElasticRuleCompiler compiler;

    /** Without GeoIP databases: rules on {@code source.geo.*} / {@code source.as.*} load but cannot match them. */
    public ElasticFrontEnd() {
        this(GeoIp.NONE);
    }

    /** With the user's GeoIP databases for {@code source.geo.*} and {@code source.as.*}. */
    public ElasticFrontEnd(GeoIp geo) {
        this.compiler = new ElasticRuleCompiler(geo);
    }

    @Override
    public RuleFormat format() {
        return RuleFormat.ELASTIC;
    }

    @Override
    public List<String> extensions() {
        return List.of(".toml");
    }

    @Override
    public LoadResult load(List<RuleFile> files) {
        List<CompiledRule> rules = new ArrayList<>();
        Problems problems = new Problems();
        for (RuleFile f : files) {
            ElasticRuleDocument doc;
            try {
                doc = reader.read(f);
            } catch (RuleSyntaxException e) {
                problems.error(e.position().in(f.name()), null, e.code() != null ? e.code() : "ELASTIC_TOML",
                        e.getMessage());
                continue;
            }
            CompiledRule r = compiler.compile(doc, problems);
            if (r != null) {
                rules.add(r);
            }
        }
        return new LoadResult(rules, List.of(), problems.list());
    }
}
