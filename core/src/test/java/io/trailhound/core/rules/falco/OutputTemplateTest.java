package io.trailhound.core.rules.falco;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.rules.load.RuleSyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Falco output formats (falco.md §7): %field tokens, longest field prefix, widths, <NA>, output_fields. */
class OutputTemplateTest {
    private static final OutputParser PARSER = new OutputParser(FieldCatalog.standard());
    private static final CloudTrailEvent E = Records.event("iam.amazonaws.com", "CreateUser", Records.ADMIN_ROLE,
            ",\"requestParameters\":{\"userName\":\"mallory\"}");

    private static FalcoOutput parse(String format) throws RuleSyntaxException {
        return PARSER.parse(format);
    }

    @Test
    void substitutesTheLongestKnownFieldAndLeavesPunctuation() throws RuleSyntaxException {
        assertThat(parse("u=%ct.user.arn, s=%ct.srcip. n=%ct.name").render(E))
                .isEqualTo("u=arn:aws:sts::111122223333:assumed-role/Admin/bob, s=203.0.113.9. n=CreateUser");
        assertThat(parse("%ct.user.nosuchpart").render(E)).as("falls back to ct.user").isEqualTo("Admin.nosuchpart");
    }

    @Test
    void missingValuesRenderAsNa() throws RuleSyntaxException {
        assertThat(parse("error=%ct.error").render(E)).isEqualTo("error=<NA>");
    }

    @Test
    void widthsArgumentsAndTransformers() throws RuleSyntaxException {
        assertThat(parse("[%10ct.name][%3ct.name]").render(E)).isEqualTo("[CreateUser][Cre]");
        assertThat(parse("[%12ct.name]").render(E)).isEqualTo("[CreateUser  ]");
        assertThat(parse("%json.value[/requestParameters/userName]!").render(E)).isEqualTo("mallory!");
        assertThat(parse("%toupper(ct.request.username)").render(E)).isEqualTo("MALLORY");
        assertThat(parse("100% sure, %d").render(E)).isEqualTo("100% sure, %d");
    }

    @Test
    void outputFieldsMapEachFieldToItsValue() throws RuleSyntaxException {
        FalcoOutput o = parse("%ct.user %ct.error %json.value[/requestParameters/userName] %ct.user");
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("ct.user", "Admin");
        expected.put("ct.error", null);
        expected.put("json.value[/requestParameters/userName]", "mallory");
        assertThat(o.fields(E)).containsExactlyEntriesOf(expected);
        assertThat(o.fieldNames()).containsExactly("ct.user", "ct.error", "json.value[/requestParameters/userName]");
    }

    @Test
    void errors() {
        assertThatThrownBy(() -> parse("x=%ct.nosuch")).hasMessageContaining("unknown field 'ct.nosuch'");
        assertThatThrownBy(() -> parse("ends with %")).hasMessageContaining("ends with '%'");
        assertThatThrownBy(() -> parse("%json.value[/a")).hasMessageContaining("missing ']'");
    }

    @Test
    void anUnknownOutputFieldIsALoadErrorOnTheRule() {
        var r = TestRuleFiles.load(TestRuleFiles.ruleYaml("", "ct.name exists").replace("matched (%ct.name)",
                "matched (%ct.bogus)"));
        assertThat(r.errors()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo("LOAD_ERR_COMPILE_OUTPUT");
            assertThat(p.rule()).isEqualTo("r");
            assertThat(p.message()).contains("ct.bogus");
            assertThat(p.line()).isEqualTo(4);
            assertThat(p.column()).isEqualTo(11);
        });
    }
}
