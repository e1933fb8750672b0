package io.trailhound.core.rules.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.core.rules.LoadResult;
import io.trailhound.core.rules.RuleFile;
import io.trailhound.core.rules.elastic.ElasticFrontEnd;
import io.trailhound.core.rules.ir.CompiledRule;
import java.util.ArrayList;
import java.util.List;

/** Elastic KQL query rules made from bare queries, one rule file each, for the member gate tests. */
final class KqlQueryRules {
    private KqlQueryRules() {
    }

    /** One rule per query, named {@code tag} + its index (upper case), loaded without errors. */
    static List<CompiledRule> load(String tag, String... queries) {
        List<RuleFile> files = new ArrayList<>();
        for (int i = 0; i < queries.length; i++) {
            files.add(new RuleFile("rules/" + tag + i + ".toml", """
                    [metadata]
                    creation_date = "2024/01/01"
                    maturity = "production"

                    [rule]
                    author = ["Someone"]
                    description = "Test rule."
                    name = "%s%d"
                    risk_score = 47
                    rule_id = "00000000-0000-0000-0000-%012d"
                    severity = "medium"
                    type = "query"
                    language = "kuery"
                    query = '%s'
                    """.formatted(tag.toUpperCase(java.util.Locale.ROOT), i, i, queries[i])));
        }
        LoadResult r = new ElasticFrontEnd().load(files);
        assertThat(r.errors()).isEmpty();
        assertThat(r.rules()).hasSize(queries.length);
        return r.rules();
    }
}
