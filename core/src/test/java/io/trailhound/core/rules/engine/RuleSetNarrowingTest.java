package io.trailhound.core.rules.engine;

import static io.trailhound.core.rules.TestRules.field;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.core.Severity;
import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.rules.TestEvents;
import io.trailhound.core.rules.TestRules;
import io.trailhound.core.rules.ir.Accessor;
import io.trailhound.core.rules.ir.Accessors;
import io.trailhound.core.rules.ir.CompiledRule;
import io.trailhound.core.rules.ir.Matchers;
import io.trailhound.core.rules.ir.Predicate;
import io.trailhound.core.rules.ir.Predicates;
import io.trailhound.core.rules.ir.Quantifier;
import io.trailhound.core.rules.ir.RuleFormat;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rules that need errorCode absent (or present) or an identity type are not looked at for events that cannot match them. */
class RuleSetNarrowingTest {
    private static CloudTrailEvent ev(String type, String errorCode) {
        return TestEvents.parse("""
                {"eventTime":"2024-05-01T10:00:00Z","eventID":"e","eventSource":"iam.amazonaws.com","eventName":"CreateUser",
                 %s"userIdentity":{"type":"%s","arn":"arn:aws:iam::1:user/a"}}"""
                .formatted(errorCode == null ? "" : "\"errorCode\":\"" + errorCode + "\",", type));
    }

    private static CompiledRule rule(String name, Predicate... tests) {
        return TestRules.rule(name, RuleFormat.FALCO, Severity.LOW, Predicates.and(List.of(tests)));
    }

    private static List<String> names(RuleSet.Entry[] entries) {
        return Arrays.stream(entries).map(e -> e.rule().info().name()).toList();
    }

    private static List<String> hits(Detector d, CloudTrailEvent e) {
        Detection det = d.detect(e);
        return det == null ? List.of() : det.hits().stream().map(h -> h.rule().info().name()).toList();
    }

    @Test
    void errorCodeAndIdentityTypeNarrowTheRulesAnEventIsTestedAgainst() {
        Predicate name = field("eventName", "CreateUser");
        Predicate noError = Predicates.not(new Predicate.Exists(TestRules.path("errorCode")));
        Predicate denied = field("errorCode", "AccessDenied");
        RuleSet set = new RuleSet(List.of(
                rule("succeeded", name, noError),
                rule("root", name, field("userIdentity.type", "Root")),
                rule("denied", name, denied),
                rule("any", name),
                rule("failed", name, new Predicate.Exists(TestRules.path("errorCode")))));
        assertThat(names(set.candidates(ev("IAMUser", null)))).containsExactly("succeeded", "any");
        assertThat(names(set.candidates(ev("IAMUser", "AccessDenied")))).containsExactly("denied", "any", "failed");
        assertThat(names(set.candidates(ev("Root", "Throttling")))).containsExactly("root", "denied", "any", "failed");
        assertThat(names(set.candidates(ev("Root", null)))).containsExactly("succeeded", "root", "any");
        // The name and source alone still give every rule that names CreateUser (rules test reads these).
        assertThat(set.candidates("CreateUser", "iam.amazonaws.com")).hasSize(5);
        Detector d = new Detector(set);
        assertThat(hits(d, ev("Root", "Throttling"))).containsExactly("root", "any", "failed");
        assertThat(hits(d, ev("IAMUser", "AccessDenied"))).containsExactly("denied", "any", "failed");
        assertThat(hits(d, ev("IAMUser", null))).containsExactly("succeeded", "any");
    }

    /**
     * A language's copy of the identity type through a cleanup ("" and "-" absent, as ECS's
     * aws.cloudtrail.user_identity.type) still narrows, on both branches of an "or", with the
     * cleanup's meaning: "-" is no type, so a rule needing the field absent still sees that event.
     */
    @Test
    void aFieldComputedValueByValueFromTheIdentityTypeNarrowsWithItsOwnMeaning() {
        Accessor ecsType = Accessors.map(TestRules.path("userIdentity.type"), "aws.cloudtrail.user_identity.type",
                v -> v.isEmpty() || v.equals("-") ? null : v);
        Predicate iamUser = new Predicate.Match(ecsType, Matchers.equalTo("IAMUser", false), Quantifier.ANY);
        RuleSet set = new RuleSet(List.of(
                rule("iam user either way", Predicates.or(List.of(
                        Predicates.and(List.of(field("eventName", "CreateAccessKey"), iamUser)),
                        Predicates.and(List.of(iamUser, new Predicate.Exists(TestRules.path("sourceIPAddress"))))))),
                rule("no type", Predicates.not(new Predicate.Exists(ecsType))),
                rule("not root", Predicates.not(new Predicate.Match(ecsType, Matchers.equalTo("Root", false),
                        Quantifier.ANY)))));
        assertThat(names(set.candidates(ev("AssumedRole", null)))).containsExactly("not root");
        assertThat(names(set.candidates(ev("IAMUser", null)))).containsExactly("iam user either way", "not root");
        assertThat(names(set.candidates(ev("-", null)))).containsExactly("no type", "not root");
        assertThat(names(set.candidates(ev("Root", null)))).isEmpty();
        Detector d = new Detector(set);
        assertThat(hits(d, ev("-", null))).containsExactly("no type", "not root");
        assertThat(hits(d, ev("IAMUser", "AccessDenied"))).containsExactly("not root");
    }
}
