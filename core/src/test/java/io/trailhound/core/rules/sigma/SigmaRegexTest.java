package io.trailhound.core.rules.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.re2j.Pattern;
import org.junit.jupiter.api.Test;

class SigmaRegexTest {
    @Test
    void requiredLiteralOnlyForPatternsItCanProve() {
        assertThat(SigmaRegex.requiredLiteral(".+:assumed-role/aws:.+")).isEqualTo(":assumed-role/aws:");
        assertThat(SigmaRegex.requiredLiteral("^arn:aws:iam::.*:root$")).isEqualTo("arn:aws:iam::");
        assertThat(SigmaRegex.requiredLiteral("abcd*")).isEqualTo("abc");
        assertThat(SigmaRegex.requiredLiteral("ab+")).isEqualTo("ab");
        assertThat(SigmaRegex.requiredLiteral("a|bcdef")).isNull();
        assertThat(SigmaRegex.requiredLiteral("(abc)?def")).isNull();
        assertThat(SigmaRegex.requiredLiteral("ab\\.cd")).isNull();
        assertThat(SigmaRegex.requiredLiteral("x{2}")).isNull();
        assertThat(SigmaRegex.requiredLiteral(".*")).isNull();
    }

    @Test
    void thePrefilterNeverChangesTheRegexsAnswer() {
        SigmaRegex imds = new SigmaRegex(Pattern.compile(".+:assumed-role/aws:.+"));
        assertThat(imds.test("arn:aws:sts::111122223333:assumed-role/aws:ec2-instance/i-0abc")).isTrue();
        assertThat(imds.test(":assumed-role/aws:ec2-instance")).isFalse(); // .+ needs a character before
        assertThat(imds.test("arn:aws:sts::111122223333:assumed-role/Admin/s")).isFalse();
        SigmaRegex folded = new SigmaRegex(Pattern.compile("assumed-ROLE", Pattern.CASE_INSENSITIVE));
        assertThat(folded.test("x:Assumed-Role/y")).isTrue();
        SigmaRegex lines = new SigmaRegex(Pattern.compile("^b.+c$", Pattern.MULTILINE));
        assertThat(lines.test("a\nbxc\nd")).isTrue();
        assertThat(lines.test("a\nb\nc")).isFalse();
    }
}
