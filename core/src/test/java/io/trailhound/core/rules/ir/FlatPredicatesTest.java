package io.trailhound.core.rules.ir;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.rules.Hostile;
import io.trailhound.core.rules.TestEvents;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** And / Or are n-ary and flat, and nothing built from a long chain recurses once per term. */
class FlatPredicatesTest {
    private static final CloudTrailEvent EVENT = TestEvents.parse("""
            {"eventVersion":"1.08","eventTime":"2024-05-01T10:00:00Z","eventID":"e1",
             "eventSource":"iam.amazonaws.com","eventName":"CreateUser99999"}""");

    private static Predicate name(String n) {
        return new Predicate.Match(Accessors.eventName(), Matchers.equalTo(n, false), Quantifier.ANY);
    }

    @Test
    void nestedNodesOfTheSameKindAreFlattenedWhenMade() {
        Predicate a = name("A");
        Predicate b = name("B");
        Predicate c = name("C");
        assertThat(new Predicate.And(List.of(new Predicate.And(List.of(a, b)), c)).children()).containsExactly(a, b, c);
        assertThat(new Predicate.Or(List.of(a, new Predicate.Or(List.of(b, c)))).children()).containsExactly(a, b, c);
        Predicate or = new Predicate.Or(List.of(b, c));
        assertThat(new Predicate.And(List.of(a, or)).children()).containsExactly(a, or);
        // built one term at a time, as a left-leaning parser would, the chain is still one node
        Predicate chain = a;
        for (int i = 0; i < 1000; i++) {
            chain = Predicates.or(List.of(chain, name("N" + i)));
        }
        assertThat(((Predicate.Or) chain).children()).hasSize(1001);
    }

    @Test
    void aHundredThousandAlternativesEvaluateAndIndexWithoutRecursingPerTerm() {
        List<Predicate> terms = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            terms.add(name("CreateUser" + i));
        }
        Predicate any = Predicates.or(terms);
        Predicate all = Predicates.and(List.of(any, Predicates.not(name("DeleteUser"))));
        boolean[] results = Hostile.run(() -> {
            java.util.function.Predicate<String> byName = Predicates.necessaryTest(Predicates.cheapestFirst(all),
                    "eventName");
            return new boolean[] {all.test(EVENT), byName.test("CreateUser99999"), byName.test("CreateUser"),
                    byName.test(null), Predicates.requiredEventNames(all).size() == 100_000};
        });
        assertThat(results).containsExactly(true, true, false, false, true);
    }
}
