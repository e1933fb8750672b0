package io.trailhound.core.rules.elastic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailhound.core.rules.load.RuleSyntaxException;
import java.util.List;
import org.junit.jupiter.api.Test;

class KqlParserTest {
    private static KqlNode.FieldMatch field(String f, String v) {
        return new KqlNode.FieldMatch(new KqlValue(List.of(f), false), new KqlNode.One(new KqlValue(List.of(v), false)));
    }

    @Test
    void andBindsTighterThanOrAndNotTighterThanAnd() {
        KqlNode n = KqlParser.parse("a:1 or b:2 and not c:3");
        assertThat(n).isEqualTo(new KqlNode.Or(List.of(field("a", "1"),
                new KqlNode.And(List.of(field("b", "2"), new KqlNode.Not(field("c", "3")))))));
    }

    @Test
    void parenthesesOverridePrecedenceAndKeywordsIgnoreCase() {
        KqlNode n = KqlParser.parse("(a:1 OR b:2) AND NOT c:3");
        assertThat(n).isEqualTo(new KqlNode.And(List.of(new KqlNode.Or(List.of(field("a", "1"), field("b", "2"))),
                new KqlNode.Not(field("c", "3")))));
    }

    @Test
    void valueListsWithNestedBooleans() {
        KqlNode n = KqlParser.parse("f:(* and not (Amazon* or \"MongoDB, Inc.\"))");
        KqlNode.FieldMatch m = (KqlNode.FieldMatch) n;
        assertThat(m.values()).isEqualTo(new KqlNode.AllOf(List.of(
                new KqlNode.One(new KqlValue(List.of("", ""), false)),
                new KqlNode.NoneOf(new KqlNode.AnyOf(List.of(
                        new KqlNode.One(new KqlValue(List.of("Amazon", ""), false)),
                        new KqlNode.One(new KqlValue(List.of("MongoDB, Inc."), true))))))));
    }

    @Test
    void unquotedValuesKeepInnerSpacesAndWildcards() {
        KqlNode.FieldMatch m = (KqlNode.FieldMatch) KqlParser.parse("user_agent.original: (*S3 Browser* or x)");
        assertThat(((KqlNode.AnyOf) m.values()).children().get(0))
                .isEqualTo(new KqlNode.One(new KqlValue(List.of("", "S3 Browser", ""), false)));
    }

    @Test
    void escapesInUnquotedAndQuotedValues() {
        KqlNode.FieldMatch m = (KqlNode.FieldMatch) KqlParser.parse("user.id: *\\:i-*");
        assertThat(((KqlNode.One) m.values()).value().parts()).containsExactly("", ":i-", "");
        m = (KqlNode.FieldMatch) KqlParser.parse("f: a\\*b\\ and\\(c\\)");
        assertThat(((KqlNode.One) m.values()).value()).isEqualTo(new KqlValue(List.of("a*b and(c)"), false));
        m = (KqlNode.FieldMatch) KqlParser.parse("f: \"say \\\"hi\\\" \\\\ *\\u0041\"");
        assertThat(((KqlNode.One) m.values()).value()).isEqualTo(new KqlValue(List.of("say \"hi\" \\ *A"), true));
        m = (KqlNode.FieldMatch) KqlParser.parse("f: \\and");
        assertThat(((KqlNode.One) m.values()).value().text()).isEqualTo("and");
    }

    @Test
    void rangesNestedQueriesAndFreeText() {
        assertThat(KqlParser.parse("n >= 10")).isEqualTo(
                new KqlNode.Range(new KqlValue(List.of("n"), false), ">=", new KqlValue(List.of("10"), false)));
        assertThat(KqlParser.parse("a:{ b:1 }")).isEqualTo(
                new KqlNode.Nested(new KqlValue(List.of("a"), false), field("b", "1")));
        assertThat(KqlParser.parse("hello")).isEqualTo(
                new KqlNode.FreeText(new KqlNode.One(new KqlValue(List.of("hello"), false))));
    }

    @Test
    void wildcardFieldNames() {
        KqlNode.FieldMatch m = (KqlNode.FieldMatch) KqlParser.parse("event.*:x");
        assertThat(m.field().parts()).containsExactly("event.", "");
    }

    @Test
    void syntaxErrorsSayWhere() {
        assertThatThrownBy(() -> KqlParser.parse("a:(b or c"))
                .isInstanceOf(RuleSyntaxException.class).hasMessageContaining("expected ')'");
        assertThatThrownBy(() -> KqlParser.parse("a:\"open"))
                .isInstanceOf(RuleSyntaxException.class).hasMessageContaining("unterminated");
        assertThatThrownBy(() -> KqlParser.parse("a:1 and "))
                .isInstanceOf(RuleSyntaxException.class);
        RuleSyntaxException e = org.junit.jupiter.api.Assertions.assertThrows(RuleSyntaxException.class,
                () -> KqlParser.parse("a:1 )"));
        assertThat(e.offset()).isEqualTo(4);
    }
}
