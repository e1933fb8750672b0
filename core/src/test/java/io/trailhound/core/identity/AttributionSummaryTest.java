package io.trailhound.core.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Unknown reasons are grouped by their wording, however many distinct strings (and repeats of one string) arrive. */
class AttributionSummaryTest {

    @Test
    void unknownReasonsAreGroupedByWordingWhetherEachEventBringsItsOwnStringOrTheCredentialsOne() {
        AttributionSummary s = new AttributionSummary();
        Attribution shared = Attribution.unknown("no issuance of key ASIASHARED0000000001 in the logs read");
        for (int i = 0; i < 3000; i++) {
            // Distinct strings (more than the remembered slots), each naming its own key, and one string repeated.
            s.add(true, Attribution.unknown(String.format("no issuance of key ASIAKEY%013d in the logs read", i)));
            s.add(true, shared);
            s.add(true, Attribution.unknown("identity type X" + (i % 2) + " names no principal"));
        }
        assertThat(s.topUnknownReasons(10)).containsExactly(
                new AttributionSummary.ReasonCount("no issuance of key <key> in the logs read", 6000),
                new AttributionSummary.ReasonCount("identity type X0 names no principal", 1500),
                new AttributionSummary.ReasonCount("identity type X1 names no principal", 1500));
        assertThat(s.count(Confidence.UNKNOWN)).isEqualTo(9000);
        assertThat(List.of(s.events(), s.chained())).containsExactly(9000L, 9000L);
    }

    /** An origin counted again right after its events moved away (a late issuance) gets a counter of its own again. */
    @Test
    void originsCountRightAcrossMovesWhenTheSameOriginComesAgain() {
        AttributionSummary s = new AttributionSummary();
        Attribution byName = Attribution.of(Origin.named("SessionName", "s1", null, null), Confidence.INFERRED, null);
        Attribution alice = Attribution.of(Origin.arn("IAMUser", "arn:aws:iam::1:user/alice", "1"), Confidence.EXACT, null);
        for (int i = 0; i < 3; i++) {
            s.add(true, byName);
        }
        s.move(AttributionSummary.Bucket.of(true, byName), alice, 3); // the session's issuance was read
        s.add(true, byName); // another session of that name, still pending
        s.add(true, byName);
        s.add(true, alice);
        assertThat(s.topOrigins(5)).containsExactly(new AttributionSummary.OriginCount("IAMUser", "arn:aws:iam::1:user/alice", 4),
                new AttributionSummary.OriginCount("SessionName", "s1", 2));
        // Past the distinct origins kept, new ones count under "(other)", one after another or not.
        for (int i = 0; i < 10_000; i++) {
            s.add(false, Attribution.of(Origin.named("SessionName", "n" + i, null, null), Confidence.INFERRED, null));
        }
        Attribution late = Attribution.of(Origin.named("SessionName", "late", null, null), Confidence.INFERRED, null);
        s.add(false, late);
        s.add(false, late);
        s.add(false, byName);
        // 9,998 of the new names fit beside alice and s1; the last two and "late" (twice) are "(other)".
        assertThat(s.topOrigins(3)).containsExactly(new AttributionSummary.OriginCount("(other)", "(other)", 4),
                new AttributionSummary.OriginCount("IAMUser", "arn:aws:iam::1:user/alice", 4),
                new AttributionSummary.OriginCount("SessionName", "s1", 3));
        assertThat(s.topOrigins(20_000)).noneMatch(o -> o.label().equals("late"));
    }

    /**
     * Once 10,000 origins are counted, a filter answers most new ones "not held" without a lookup:
     * against a plain model of the rule (an origin held keeps counting, a new one goes to "(other)"),
     * origins held stay found among 200,000 one-off names, also after their counts moved away.
     */
    @Test
    void originsHeldStayFoundAmongManyNewOnesOnceTheMapIsFull() {
        AttributionSummary s = new AttributionSummary();
        Map<String, Long> model = new HashMap<>();
        Random random = new Random(25);
        for (int i = 0; i < 200_000; i++) {
            String label = random.nextInt(4) == 0 ? "kept-" + random.nextInt(12_000) : "once-" + i;
            Attribution a = Attribution.of(Origin.named("SessionName", label, null, null), Confidence.INFERRED, null);
            s.add(true, a);
            model.merge(model.containsKey(label) || model.size() < 10_000 ? label : "(other)", 1L, Long::sum);
            if (i % 1000 == 999) { // a late issuance: this origin's events move to a user, and it leaves the map
                s.move(AttributionSummary.Bucket.of(true, a), Attribution.of(Origin.arn("IAMUser", "arn:aws:iam::1:user/u", "1"),
                        Confidence.EXACT, null), model.getOrDefault(label, 0L));
                model.merge("arn:aws:iam::1:user/u", model.getOrDefault(label, 0L), Long::sum);
                model.remove(label);
            }
        }
        Map<String, Long> counted = new HashMap<>();
        s.topOrigins(Integer.MAX_VALUE).forEach(o -> counted.put(o.label(), o.events()));
        assertThat(counted).isEqualTo(model);
    }
}
