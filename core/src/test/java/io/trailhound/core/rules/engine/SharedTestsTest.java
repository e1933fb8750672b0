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
import io.trailhound.core.rules.ir.EventMemo;
import io.trailhound.core.rules.ir.Matcher;
import io.trailhound.core.rules.ir.Matchers;
import io.trailhound.core.rules.ir.OutputTemplate;
import io.trailhound.core.rules.ir.Predicate;
import io.trailhound.core.rules.ir.Predicates;
import io.trailhound.core.rules.ir.Quantifier;
import io.trailhound.core.rules.ir.RuleFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Tests that several rules have are answered once per event, and a dear field several tests read
 * is read once per event, without changing any rule's answer.
 */
class SharedTestsTest {
    private static final CloudTrailEvent CREATE_USER = TestEvents.parse("""
            {"eventTime":"2024-05-01T10:00:00Z","eventID":"e1","eventSource":"iam.amazonaws.com","eventName":"CreateUser",
             "requestParameters":{"userName":"mallory"},"userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::1:user/a"}}""");
    private static final CloudTrailEvent DELETE_USER = TestEvents.parse("""
            {"eventTime":"2024-05-01T10:01:00Z","eventID":"e2","eventSource":"iam.amazonaws.com","eventName":"DeleteUser",
             "requestParameters":{"userName":"alice"},"userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::1:user/a"}}""");

    /** A field that parses the record (cost 2), counting its reads. */
    private static Accessor counted(AtomicInteger reads) {
        return Accessors.parsed("target", e -> {
            reads.incrementAndGet();
            return e.member("requestParameters") == null ? null : e.member("requestParameters").path("userName").asText();
        });
    }

    private static Predicate target(Accessor f, Matcher m) {
        return new Predicate.Match(f, m, Quantifier.ANY);
    }

    private static CompiledRule rule(String name, Predicate condition) {
        return TestRules.rule(name, RuleFormat.ELASTIC, Severity.LOW, condition);
    }

    private static List<String> hits(Detector d, CloudTrailEvent e) {
        Detection det = d.detect(e);
        return det == null ? List.of() : det.hits().stream().map(h -> h.rule().info().name()).toList();
    }

    @Test
    void theSameConditionInTwoRulesIsOneTestAnsweredOncePerEvent() {
        AtomicInteger reads = new AtomicInteger();
        Accessor f = counted(reads);
        // Built twice, as two loads of one pack build them: equal by structure, not the same objects.
        Supplier<Predicate> condition = () -> Predicates.and(List.of(field("eventSource", "iam.amazonaws.com"),
                target(f, Matchers.startsWith("mal", false))));
        RuleSet set = new RuleSet(List.of(rule("once", condition.get()), rule("twice", condition.get())));
        assertThat(set.enabled().get(0).test()).isInstanceOf(Predicate.Shared.class)
                .isSameAs(set.enabled().get(1).test());
        Detector d = new Detector(set);
        assertThat(hits(d, CREATE_USER)).containsExactly("once", "twice");
        assertThat(reads).as("the shared test ran once for the event").hasValue(1);
        assertThat(hits(d, DELETE_USER)).isEmpty();
        assertThat(reads).as("and once again for the next event").hasValue(2);
        // The rules keep their own condition for rules test and explanations.
        assertThat(set.enabled().get(0).rule().condition()).isInstanceOf(Predicate.And.class);
    }

    @Test
    void aDearFieldThatDifferentTestsReadIsReadOncePerEvent() {
        AtomicInteger reads = new AtomicInteger();
        Accessor f = counted(reads);
        RuleSet set = new RuleSet(List.of(
                rule("starts", target(f, Matchers.startsWith("mal", false))),
                rule("ends", target(f, Matchers.endsWith("ice", false))),
                rule("contains", target(f, Matchers.contains("LLO", true)))));
        Detector d = new Detector(set);
        assertThat(hits(d, CREATE_USER)).containsExactly("starts", "contains");
        assertThat(reads).hasValue(1);
        assertThat(hits(d, DELETE_USER)).containsExactly("ends");
        assertThat(reads).hasValue(2);
    }

    @Test
    void testsThatDifferInAnyArgumentStayApart() {
        AtomicInteger reads = new AtomicInteger();
        Accessor f = counted(reads);
        // Same literal, other operation or case mode: each rule keeps its own answer.
        RuleSet set = new RuleSet(List.of(
                rule("cased", target(f, Matchers.equalTo("MALLORY", false))),
                rule("uncased", target(f, Matchers.equalTo("MALLORY", true))),
                rule("prefix", target(f, Matchers.startsWith("mallory", false))),
                rule("suffix", target(f, Matchers.endsWith("mallory", false))),
                rule("not prefix", Predicates.not(target(f, Matchers.startsWith("mallory", false)))),
                rule("wild", target(f, io.trailhound.core.rules.ir.Wildcard.parse("m*y", false))),
                rule("wild other", target(f, io.trailhound.core.rules.ir.Wildcard.parse("m?y", false)))));
        assertThat(hits(new Detector(set), CREATE_USER)).containsExactly("uncased", "prefix", "suffix", "wild");
        assertThat(Matchers.startsWith("a", false).shareKey()).isEqualTo(Matchers.startsWith("a", false).shareKey())
                .isNotEqualTo(Matchers.startsWith("a", true).shareKey())
                .isNotEqualTo(Matchers.endsWith("a", false).shareKey());
        assertThat(Matchers.in(List.of("a", "b"), false).shareKey()).isEqualTo(Matchers.in(List.of("b", "a"), false).shareKey());
        // A matcher a front end made from its own lambda is only ever equal to itself.
        Matcher own = Matchers.named(v -> true, "anything");
        assertThat(own.shareKey()).isSameAs(own).isNotEqualTo(Matchers.named(v -> true, "anything").shareKey());
    }

    /** An output that shows one field as {@code name=value}, read through the engine's memo. */
    private record Shown(Accessor field) implements OutputTemplate {
        @Override
        public String render(CloudTrailEvent e) {
            return render(e, fields(e));
        }

        @Override
        public String render(CloudTrailEvent e, Map<String, String> fields) {
            return fields.toString();
        }

        @Override
        public Map<String, String> fields(CloudTrailEvent e) {
            return fields(e, null);
        }

        @Override
        public Map<String, String> fields(CloudTrailEvent e, EventMemo memo) {
            return Map.of(field.name(), String.valueOf(EventMemo.extract(field, e, memo)));
        }

        @Override
        public OutputTemplate sharing(java.util.function.UnaryOperator<Accessor> share) {
            return new Shown(share.apply(field));
        }
    }

    private static CompiledRule showing(String name, Predicate condition, Accessor shown) {
        return rule(name, condition).withOutput(new Shown(shown));
    }

    @Test
    void aDearFieldThatSeveralRulesShowIsReadOncePerEventUnderEachRulesOwnName() {
        AtomicInteger reads = new AtomicInteger();
        Accessor f = counted(reads);
        Accessor again = Accessors.renamed("target.again", f);
        RuleSet set = new RuleSet(List.of(
                showing("shows", field("eventSource", "iam.amazonaws.com"), f),
                showing("shows too", field("eventSource", "iam.amazonaws.com"), again),
                showing("tests and shows", target(f, Matchers.startsWith("mal", false)), again)));
        Detector d = new Detector(set);
        Detection det = d.detect(CREATE_USER);
        assertThat(det.hits()).extracting(Detection.Hit::output)
                .containsExactly("{target=mallory}", "{target.again=mallory}", "{target.again=mallory}");
        assertThat(reads).as("one read for the test and the three outputs").hasValue(1);
        det = d.detect(DELETE_USER);
        assertThat(det.hits()).extracting(Detection.Hit::output).containsExactly("{target=alice}", "{target.again=alice}");
        assertThat(reads).hasValue(2);
        // Outside the engine (a template rendered later, without a memo) the shared field reads as before.
        assertThat(set.enabled().get(0).rule().output().render(DELETE_USER)).isEqualTo("{target=alice}");
        assertThat(reads).hasValue(3);
    }

    @Test
    void aSharedTestThatFailsCountsAgainstEveryRuleThatHasIt() {
        Accessor broken = Accessors.parsed("broken", e -> {
            throw new IllegalStateException("odd record");
        });
        RuleSet set = new RuleSet(List.of(rule("a", target(broken, Matchers.equalTo("x", false))),
                rule("b", target(broken, Matchers.equalTo("x", false))), rule("c", field("eventName", "CreateUser"))));
        Detector d = new Detector(set);
        assertThat(hits(d, CREATE_USER)).containsExactly("c");
        assertThat(d.failures()).containsOnlyKeys("a: java.lang.IllegalStateException", "b: java.lang.IllegalStateException");
    }
}
