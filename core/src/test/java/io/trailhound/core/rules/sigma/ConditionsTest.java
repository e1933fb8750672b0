package io.trailhound.core.rules.sigma;

import static io.trailhound.core.rules.sigma.SigmaFixtures.detection;
import static io.trailhound.core.rules.sigma.SigmaFixtures.event;
import static io.trailhound.core.rules.sigma.SigmaFixtures.load;
import static io.trailhound.core.rules.sigma.SigmaFixtures.rule;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.rules.LoadResult;
import io.trailhound.core.rules.ir.Predicate;
import org.junit.jupiter.api.Test;

/** Search identifiers (maps, lists of maps) and every condition form. */
class ConditionsTest {
    private static final String SEARCHES = """
            sel_name:
              eventName: DeleteTrail
            sel_source:
              eventSource: cloudtrail.amazonaws.com
            filter_ok:
              errorCode: null
            _helper:
              userAgent|contains: terraform
            """;
    private static final CloudTrailEvent DELETE = event("cloudtrail.amazonaws.com", "DeleteTrail",
            "\"userAgent\":\"aws-cli/2.15\"");
    private static final CloudTrailEvent DELETE_DENIED = event("cloudtrail.amazonaws.com", "DeleteTrail",
            "\"errorCode\":\"AccessDenied\",\"userAgent\":\"aws-cli/2.15\"");
    private static final CloudTrailEvent STOP = event("cloudtrail.amazonaws.com", "StopLogging",
            "\"userAgent\":\"Terraform/1.5\"");
    private static final CloudTrailEvent OTHER = event("s3.amazonaws.com", "ListBuckets",
            "\"errorCode\":\"AccessDenied\"");

    private static Predicate cond(String condition) {
        return detection(SEARCHES + "condition: " + condition);
    }

    @Test
    void mapIsAndListOfMapsIsOr() {
        Predicate and = detection("sel:\n  eventSource: cloudtrail.amazonaws.com\n  eventName: DeleteTrail\n"
                + "condition: sel");
        assertThat(and.test(DELETE)).isTrue();
        assertThat(and.test(STOP)).isFalse();
        Predicate or = detection("sel:\n  - eventName: DeleteTrail\n  - eventSource: s3.amazonaws.com\ncondition: sel");
        assertThat(or.test(DELETE)).isTrue();
        assertThat(or.test(OTHER)).isTrue();
        assertThat(or.test(STOP)).isFalse();
    }

    @Test
    void andOrNotWithNotBindingTighterThanAndAndAndThanOr() {
        assertThat(cond("sel_name and not filter_ok").test(DELETE_DENIED)).isTrue();
        assertThat(cond("sel_name and not filter_ok").test(DELETE)).isFalse();
        // or binds loosest: (sel_name and filter_ok) or _helper
        assertThat(cond("sel_name and filter_ok or _helper").test(STOP)).isTrue();
        assertThat(cond("sel_name and (filter_ok or _helper)").test(STOP)).isFalse();
        assertThat(cond("not sel_name and sel_source").test(STOP)).isTrue();
        assertThat(cond("not (sel_name or sel_source)").test(STOP)).isFalse();
        assertThat(cond("not not sel_name").test(DELETE)).isTrue();
        assertThat(cond("sel_name AND NOT filter_ok").test(DELETE_DENIED)).isTrue();
    }

    @Test
    void oneOfAndAllOfPatterns() {
        assertThat(cond("1 of sel_*").test(STOP)).isTrue();
        assertThat(cond("all of sel_*").test(STOP)).isFalse();
        assertThat(cond("all of sel_*").test(DELETE)).isTrue();
        assertThat(cond("1 of sel_* and not 1 of filter_*").test(DELETE_DENIED)).isTrue();
        assertThat(cond("1 of sel_* and not 1 of filter_*").test(DELETE)).isFalse();
    }

    @Test
    void themIsEveryIdentifierExceptThoseStartingWithUnderscore() {
        // all of them = sel_name, sel_source, filter_ok (not _helper)
        assertThat(cond("all of them").test(DELETE)).isTrue();
        assertThat(cond("all of them").test(DELETE_DENIED)).isFalse();
        assertThat(cond("1 of them").test(OTHER)).isFalse();
        assertThat(cond("1 of them").test(STOP)).isTrue();
        assertThat(cond("1 of _*").test(STOP)).isTrue();
    }

    @Test
    void aListOfConditionsIsAnyOfThem() {
        Predicate p = detection(SEARCHES + "condition:\n  - sel_name\n  - _helper");
        assertThat(p.test(DELETE)).isTrue();
        assertThat(p.test(STOP)).isTrue();
        assertThat(p.test(OTHER)).isFalse();
    }

    @Test
    void badConditionsAreLoadErrors() {
        for (String c : new String[] {"sel_name and", "sel_nam", "1 of nothing_*", "(sel_name", "sel_name )",
                "2 of sel_*", "sel_name | count() > 5", "and sel_name"}) {
            LoadResult r = load(rule(SEARCHES + "condition: " + c));
            assertThat(r.rules()).as(c).isEmpty();
            assertThat(r.errors()).as(c).singleElement()
                    .satisfies(e -> assertThat(e.code()).isEqualTo("SIGMA_BAD_CONDITION"));
        }
        assertThat(load(rule(SEARCHES + "condition: sel_name | count() > 5")).errors().get(0).message())
                .contains("correlation");
    }

    @Test
    void missingConditionAndV1TimeframeAreLoadErrors() {
        assertThat(load(rule(SEARCHES)).errors()).singleElement()
                .satisfies(e -> assertThat(e.code()).isEqualTo("SIGMA_NO_CONDITION"));
        assertThat(load(rule(SEARCHES + "timeframe: 5m\ncondition: sel_name")).errors()).singleElement()
                .satisfies(e -> assertThat(e.code()).isEqualTo("SIGMA_UNSUPPORTED"));
    }

    @Test
    void decodedFieldsAreTestedBeforeFieldsThatNeedTheParsedRecord() {
        Predicate p = detection("sel:\n  requestParameters.attribute: userData\n  eventSource: ec2.amazonaws.com\n"
                + "  eventName: ModifyInstanceAttribute\ncondition: sel");
        assertThat(p).isInstanceOf(Predicate.And.class);
        assertThat(((Predicate.And) p).children()).extracting(c -> ((Predicate.Match) c).field().name())
                .containsExactly("eventSource", "eventName", "requestParameters.attribute");
    }
}
