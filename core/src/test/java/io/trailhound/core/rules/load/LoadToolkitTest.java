package io.trailhound.core.rules.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.core.rules.LoadProblem;
import io.trailhound.core.rules.LoadResult;
import io.trailhound.core.rules.RuleFile;
import io.trailhound.core.rules.RuleFormats;
import io.trailhound.core.rules.ir.RuleFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one syntax-error type and the one problems collector every front end reports through. */
class LoadToolkitTest {
    @Test
    void anErrorIsReportedAtItsOwnLineInTheCollectorsFileElseWhereTheFrontEndSays() {
        Problems p = new Problems();
        p.error(Position.of("a.yml", 7), "r", RuleSyntaxException.atLine(12, "SIGMA_X", "bad"));
        p.error(Position.of("a.yml", 7), "r", RuleSyntaxException.atLine(0, "SIGMA_Y", "worse"));
        p.error(Position.of("a.yml", 7), null, new RuleSyntaxException("elsewhere", new Position("b.yml", 3, 4), "C"));
        assertThat(p.list()).extracting(LoadProblem::toString).containsExactly(
                "a.yml:12: error: rule 'r': bad (SIGMA_X)",
                "a.yml:7: error: rule 'r': worse (SIGMA_Y)",
                "b.yml:3:4: error: elsewhere (C)");
    }

    @Test
    void positionsAndOffsetsAreKeptAcrossCopies() {
        RuleSyntaxException q = RuleSyntaxException.inQuery("expected ')'", 9);
        assertThat(q.getMessage()).isEqualTo("expected ')' at offset 9");
        assertThat(q.offset()).isEqualTo(9);
        assertThat(q.position()).isNull();
        RuleSyntaxException inMacro = new RuleSyntaxException("unknown field 'x'", 4).within("m");
        assertThat(inMacro.within()).isEqualTo("m");
        assertThat(inMacro.offset()).isEqualTo(4);
        assertThat(inMacro.isLimit()).isFalse();
        RuleSyntaxException moved = RuleSyntaxException.limit("too large", 2).movedTo(30, null);
        assertThat(moved.isLimit()).isTrue();
        assertThat(moved.offset()).isEqualTo(30);
        assertThat(moved.within()).isNull();
        assertThat(moved.getMessage()).isEqualTo("too large");
        assertThat(new RuleSyntaxException("x").offset()).isEqualTo(-1);
    }

    @Test
    void everyFrontEndReportsItsSyntaxErrorsWithAPlace() {
        LoadResult falco = load(RuleFormat.FALCO, "r.yaml", """
                - rule: r
                  desc: d
                  condition: ct.name = x and (
                  output: o
                  priority: WARNING
                  source: aws_cloudtrail
                """);
        LoadResult elastic = load(RuleFormat.ELASTIC, "r.toml", """
                [metadata]
                creation_date = "2024/01/01"
                [rule]
                name = "n"
                rule_id = "1"
                type = "query"
                language = "kuery"
                risk_score = 1
                severity = "low"
                description = "d"
                query = '''
                event.action:(a or
                '''
                """);
        LoadResult toml = load(RuleFormat.ELASTIC, "bad.toml", "[rule\n");
        LoadResult sigma = load(RuleFormat.SIGMA, "r.yml", """
                title: t
                logsource:
                  product: aws
                  service: cloudtrail
                detection:
                  sel:
                    eventName|nosuchmodifier: x
                  condition: sel
                """);
        assertThat(falco.errors()).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo("LOAD_ERR_COMPILE_CONDITION");
            assertThat(e.line()).isEqualTo(3);
            assertThat(e.column()).isGreaterThan(0);
        });
        assertThat(elastic.errors()).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo("ELASTIC_KQL_SYNTAX");
            assertThat(e.message()).startsWith("KQL: ").contains(" at offset ");
            assertThat(e.line()).isEqualTo(13); // the end of the query, after its last newline
        });
        assertThat(toml.errors()).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo("ELASTIC_TOML");
            assertThat(e.line()).isEqualTo(1);
        });
        assertThat(sigma.errors()).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo("SIGMA_UNKNOWN_MODIFIER");
            assertThat(e.line()).isEqualTo(7);
        });
    }

    private static LoadResult load(RuleFormat format, String name, String text) {
        return RuleFormats.standard().of(format).load(List.of(new RuleFile(name, text)));
    }
}
