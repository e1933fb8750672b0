package io.trailhound.core.rules.ir;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.rules.TestEvents;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccessorsAndMatchersTest {
    private static final CloudTrailEvent EVENT = TestEvents.parse("""
            {"eventVersion":"1.08","eventTime":"2024-05-01T10:00:00Z","eventID":"e1",
             "eventSource":"s3.amazonaws.com","eventName":"PutBucketPolicy","awsRegion":"us-east-1",
             "sourceIPAddress":"203.0.113.9","readOnly":false,
             "userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::111122223333:user/alice","userName":"alice"},
             "requestParameters":{"bucketName":"logs","count":3,"tags":["a","b"],
               "items":[{"k":"x"},{"k":"y"}],"policy":{"Statement":[{"Effect":"Allow"}]},"nothing":null}}
            """);

    @Test
    void hotPathsReadDecodedFieldsAndOthersTheTree() {
        assertThat(Accessors.path("eventName", Accessors.ObjectValues.ABSENT).extract(EVENT)).isEqualTo("PutBucketPolicy");
        assertThat(Accessors.path("eventName", Accessors.ObjectValues.ABSENT).canonical()).isEqualTo("eventName");
        assertThat(Accessors.path("readOnly", Accessors.ObjectValues.ABSENT).extract(EVENT)).isEqualTo("false");
        assertThat(Accessors.path("requestParameters.count", Accessors.ObjectValues.ABSENT).extract(EVENT)).isEqualTo("3");
        assertThat(Accessors.path("requestParameters.tags", Accessors.ObjectValues.ABSENT).extract(EVENT))
                .isEqualTo(List.of("a", "b"));
        assertThat(Accessors.path("requestParameters.items.k", Accessors.ObjectValues.ABSENT).extract(EVENT))
                .isEqualTo(List.of("x", "y"));
        assertThat(Accessors.path("requestParameters.nothing", Accessors.ObjectValues.ABSENT).extract(EVENT)).isNull();
        assertThat(Accessors.path("requestParameters.missing", Accessors.ObjectValues.ABSENT).extract(EVENT)).isNull();
        assertThat(Accessors.path("requestParameters.policy", Accessors.ObjectValues.ABSENT).extract(EVENT)).isNull();
        assertThat(Accessors.path("requestParameters.policy", Accessors.ObjectValues.JSON_TEXT).extract(EVENT))
                .isEqualTo("{\"Statement\":[{\"Effect\":\"Allow\"}]}");
    }

    @Test
    void anEmptyStringIsAValueNotAnAbsence() {
        CloudTrailEvent e = TestEvents.parse("""
                {"eventTime":"2024-05-01T10:00:00Z","eventID":"e2","eventSource":"sts.amazonaws.com","eventName":"X",
                 "userIdentity":{"type":"AssumedRole","accessKeyId":""}}
                """);
        assertThat(Accessors.path("userIdentity.accessKeyId", Accessors.ObjectValues.ABSENT).extract(e)).isEqualTo("");
    }

    @Test
    void absentFieldFailsEveryMatchButNotItsNegation() {
        Accessor missing = Accessors.path("errorCode", Accessors.ObjectValues.ABSENT);
        Predicate ne = new Predicate.Match(missing, Matchers.not(Matchers.equalTo("x", false)), Quantifier.ANY);
        assertThat(ne.test(EVENT)).isFalse();
        assertThat(Predicates.not(new Predicate.Match(missing, Matchers.equalTo("x", false), Quantifier.ANY))
                .test(EVENT)).isTrue();
    }

    @Test
    void quantifiersOnListFields() {
        Accessor tags = Accessors.path("requestParameters.tags", Accessors.ObjectValues.ABSENT);
        assertThat(new Predicate.Match(tags, Matchers.in(List.of("a", "b", "c"), false), Quantifier.ALL).test(EVENT)).isTrue();
        assertThat(new Predicate.Match(tags, Matchers.in(List.of("a"), false), Quantifier.ALL).test(EVENT)).isFalse();
        assertThat(new Predicate.Match(tags, Matchers.in(List.of("a"), false), Quantifier.ANY).test(EVENT)).isTrue();
    }

    @Test
    void wildcardsAndCase() {
        assertThat(Wildcard.parse("Put*Pol?cy", false).test("PutBucketPolicy")).isTrue();
        assertThat(Wildcard.parse("put*policy", false).test("PutBucketPolicy")).isFalse();
        assertThat(Wildcard.parse("put*policy", true).test("PutBucketPolicy")).isTrue();
        assertThat(Wildcard.parse("a\\*b", false).test("a*b")).isTrue();
        assertThat(Wildcard.parse("a\\*b", false).test("axb")).isFalse();
        assertThat(Wildcard.parse("*", false).test("")).isTrue();
        assertThat(Wildcard.parse("?", false).test("")).isFalse();
        assertThat(Wildcard.parse("*a*a*a*a*b", false).test("a".repeat(5000))).isFalse();
        // the one-operation shapes agree with the general loop
        assertThat(Wildcard.parse("*Bucket*", false).test("PutBucketPolicy")).isTrue();
        assertThat(Wildcard.parse("*bucket*", false).test("PutBucketPolicy")).isFalse();
        assertThat(Wildcard.parse("*bucket*", true).test("PutBucketPolicy")).isTrue();
        assertThat(Wildcard.parse("Put*", false).test("PutBucketPolicy")).isTrue();
        assertThat(Wildcard.parse("Put*", false).test("Pu")).isFalse();
        assertThat(Wildcard.parse("*Policy", false).test("PutBucketPolicy")).isTrue();
        assertThat(Wildcard.parse("*policy", true).test("Policy")).isTrue();
        assertThat(Wildcard.parse("*Policy", false).test("Polic")).isFalse();
        assertThat(Wildcard.parse("PutBucketPolicy", true).test("putbucketpolicy")).isTrue();
        assertThat(Wildcard.parse("", false).test("")).isTrue();
        assertThat(Wildcard.parse("", false).test("x")).isFalse();
    }

    @Test
    void caseInsensitiveEqualityMeansTheSameForOneValueAndForSeveral() {
        for (String v : new String[] {"ADMIN", "admin", "ADMİN", "Admin"}) {
            assertThat(Matchers.in(List.of("admin", "root"), true).test(v)).as(v)
                    .isEqualTo(Matchers.equalTo("admin", true).test(v));
        }
    }

    @Test
    void wholeNumbersCompareExactlyPastDoublePrecision() {
        Matcher eq = Matchers.compare(Matchers.NumericOp.EQ, new java.math.BigDecimal("9007199254740993"));
        assertThat(eq.test("9007199254740993")).isTrue();
        assertThat(eq.test("9007199254740992")).isFalse();
        assertThat(Matchers.compare(Matchers.NumericOp.GT, new java.math.BigDecimal("2.5")).test("3")).isTrue();
        assertThat(Matchers.compare(Matchers.NumericOp.LT, new java.math.BigDecimal("10")).test("abc")).isFalse();
        assertThat(Matchers.compare(Matchers.NumericOp.GE, new java.math.BigDecimal("10")).test(" 10 ")).isTrue();
    }

    @Test
    void cidrParsesLiteralsOnly() {
        Matcher m = Matchers.cidr("10.0.0.0/8");
        assertThat(m.test("10.1.2.3")).isTrue();
        assertThat(m.test("11.1.2.3")).isFalse();
        assertThat(m.test("ec2.amazonaws.com")).isFalse();
        assertThat(Matchers.cidr("2001:db8::/32").test("2001:db8::1")).isTrue();
        assertThat(Matchers.cidr("2001:db8::/32").test("10.1.2.3")).isFalse();
        assertThat(m.test("::ffff:10.1.2.3")).isTrue(); // IPv4-mapped
        assertThat(m.test("10.1.2")).isFalse();
    }

    @Test
    void requiredEventNamesFromAndOrTrees() {
        Accessor name = Accessors.eventName();
        Accessor src = Accessors.eventSource();
        Predicate p = Predicates.and(List.of(
                new Predicate.Match(src, Matchers.equalTo("s3.amazonaws.com", false), Quantifier.ANY),
                Predicates.or(List.of(
                        new Predicate.Match(name, Matchers.equalTo("PutBucketPolicy", false), Quantifier.ANY),
                        new Predicate.Match(name, Matchers.in(List.of("DeleteBucket", "PutBucketAcl"), true),
                                Quantifier.ANY)))));
        assertThat(Predicates.requiredEventNames(p)).isEqualTo(Set.of("putbucketpolicy", "deletebucket", "putbucketacl"));
        assertThat(Predicates.requiredEventNames(new Predicate.Exists(name))).isNull();
        assertThat(Predicates.requiredEventNames(Predicates.not(
                new Predicate.Match(name, Matchers.equalTo("X", false), Quantifier.ANY)))).isNull();
    }

    @Test
    void theKitDecidesCostsAndRenamingKeepsReadingCostAndCanonicalName() {
        Accessor ctName = Accessors.renamed("ct.name", Accessors.path("eventName", Accessors.ObjectValues.ABSENT));
        assertThat(ctName.name()).isEqualTo("ct.name");
        assertThat(ctName.extract(EVENT)).isEqualTo("PutBucketPolicy");
        assertThat(ctName.cost()).isEqualTo(Accessors.eventName().cost()).isEqualTo(0);
        assertThat(ctName.canonical()).isEqualTo("eventName");
        Accessor bucket = Accessors.renamed("s3.bucket", Accessors.path("requestParameters.bucketName",
                Accessors.ObjectValues.ABSENT));
        assertThat(bucket.extract(EVENT)).isEqualTo("logs");
        assertThat(bucket.cost()).isEqualTo(2);
        assertThat(bucket.canonical()).isNull();

        assertThat(Accessors.constant("event.kind", "event").extract(EVENT)).isEqualTo("event");
        assertThat(Accessors.constant("event.kind", "event").cost()).isEqualTo(0);
        assertThat(Accessors.absent("user_agent.name").extract(EVENT)).isNull();
        assertThat(Accessors.absent("user_agent.name").cost()).isEqualTo(0);
        assertThat(Accessors.derived("short", e -> e.eventSource().substring(0, 2)).cost()).isEqualTo(1);
        assertThat(Accessors.parsed("tree", e -> e.tree().path("awsRegion").asText()).cost()).isEqualTo(2);

        Accessor lower = Accessors.map(ctName, "tolower(ct.name)", v -> v.toLowerCase(java.util.Locale.ROOT));
        assertThat(lower.extract(EVENT)).isEqualTo("putbucketpolicy");
        assertThat(lower.cost()).isEqualTo(1);
        assertThat(lower.canonical()).isNull(); // a transformed value is not the field the engine indexes by
        Accessor tags = Accessors.path("requestParameters.tags", Accessors.ObjectValues.ABSENT);
        Accessor len = Accessors.transform(tags, "len(tags)", v -> Integer.toString(Accessor.valuesOf(v).size()));
        assertThat(len.extract(EVENT)).isEqualTo("2");
        assertThat(len.cost()).isEqualTo(2);
        assertThat(Accessors.transform(Accessors.absent("x"), "len(x)", v -> "never").extract(EVENT)).isNull();

        assertThat(Accessors.held("userIdentity.arn")).isTrue();
        assertThat(Accessors.held("requestParameters.bucketName")).isFalse();
    }
}
