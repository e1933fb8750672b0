package io.trailhound.core.rules.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.rules.LoadResult;
import io.trailhound.core.rules.RuleFile;
import io.trailhound.core.rules.TestEvents;
import io.trailhound.core.rules.falco.FalcoFrontEnd;
import io.trailhound.core.rules.ir.CompiledRule;
import io.trailhound.core.rules.sigma.SigmaFrontEnd;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A hit's output is rendered once, from its fields, after every rule has run, with values read
 * from the member's bytes where no rule parsed it: the text and fields are exactly what the
 * template gives on the same record with its whole tree parsed, for every rule, in load order.
 */
class HitOutputTest {
    private static final String FALCO = """
            - rule: Bucket policy
              desc: d
              condition: ct.name="PutBucketPolicy"
              output: bucket=%s3.bucket policy=%ct.request.policy user=%ct.user pad=[%12s3.bucket] ptr=%json.value[/requestParameters/policy/Version] cut=%3ct.request.bucketname
              priority: warning
              source: aws_cloudtrail
            - rule: Policy regex
              desc: d
              condition: ct.name="PutBucketPolicy" and ct.request.policy contains "Allow"
              output: regex bucket=%s3.bucket host=%ct.request.host
              priority: warning
              source: aws_cloudtrail
            """;
    private static final String SIGMA = """
            title: Bucket policy fields
            id: 00000000-0000-0000-0000-00000000b0c1
            status: test
            logsource:
              product: aws
              service: cloudtrail
            detection:
              selection:
                eventName: PutBucketPolicy
              condition: selection
            fields:
              - requestParameters.bucketName
              - requestParameters.policy
              - eventName
            level: low
            """;

    private static List<CompiledRule> rules() {
        LoadResult falco = new FalcoFrontEnd().load(List.of(new RuleFile("out.yaml", FALCO)));
        assertThat(falco.errors()).isEmpty();
        LoadResult sigma = new SigmaFrontEnd().load(List.of(new RuleFile("out.yml", SIGMA)));
        assertThat(sigma.errors()).isEmpty();
        List<CompiledRule> all = new ArrayList<>(falco.rules());
        all.addAll(sigma.rules());
        assertThat(all).hasSize(3);
        assertThat(all).allSatisfy(x -> assertThat(x.info().enabled()).as(x.info().name() + " " + x.info().disabledReason() + falco.problems()).isTrue());
        return all;
    }

    private static final String[] BUCKETS = {"\"logs\"", "\"a-very-long-bucket-name\"", "\"\\u006cogs\"", "7", "null", "{\"x\":1}"};
    private static final String[] POLICIES = {"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\"}]}",
        "\"{\\\"Effect\\\":\\\"Allow\\\"}\"", "{\"Version\":1}", "[]", "null", "\"Deny\""};

    private static String record(Random r, int i) {
        List<String> members = new ArrayList<>();
        if (r.nextInt(4) > 0) {
            members.add("\"bucketName\":" + BUCKETS[r.nextInt(BUCKETS.length)]);
        }
        if (r.nextInt(4) > 0) {
            members.add("\"policy\":" + POLICIES[r.nextInt(POLICIES.length)]);
        }
        if (r.nextBoolean()) {
            members.add("\"Host\":\"h\",\"host\":\"h2\"");
        }
        if (r.nextInt(5) == 0) {
            members.add("\"bucketName\":\"again\""); // a key given twice: the last counts
        }
        java.util.Collections.shuffle(members, r);
        return "{\"eventTime\":\"2024-05-01T10:00:00Z\",\"eventID\":\"o" + i + "\",\"eventSource\":\"s3.amazonaws.com\","
                + "\"eventName\":\"PutBucketPolicy\",\"eventType\":\"AwsApiCall\",\"userIdentity\":{\"type\":\"IAMUser\",\"userName\":\"u\"},"
                + "\"requestParameters\":" + (r.nextInt(15) == 0 ? "null" : "{" + String.join(",", members) + "}") + "}";
    }

    @Test
    void outputsAreWhatTheTemplateGivesOnTheParsedRecord() {
        List<CompiledRule> rules = rules();
        Detector detector = new Detector(new RuleSet(rules));
        Random r = new Random(3313);
        int regexHits = 0;
        for (int i = 0; i < 3000; i++) {
            String json = record(r, i);
            Detection d = detector.detect(TestEvents.parse(json));
            assertThat(d).isNotNull();
            assertThat(detector.failures()).as(json).isEmpty();
            List<String> want = new ArrayList<>();
            List<String> got = new ArrayList<>();
            for (Detection.Hit h : d.hits()) {
                CloudTrailEvent parsed = TestEvents.parse(json);
                parsed.tree();
                want.add(h.rule().info().name() + " | " + h.rule().output().render(parsed) + " | "
                        + h.rule().output().fields(parsed));
                got.add(h.rule().info().name() + " | " + h.output() + " | " + h.fields());
                regexHits += h.rule().info().name().equals("Policy regex") ? 1 : 0;
            }
            assertThat(got).as(json).isEqualTo(want);
            assertThat(d.hits()).extracting(h -> h.rule().info().name()).as("load order")
                    .isEqualTo(rules.stream().map(x -> x.info().name()).filter(n -> !n.equals("Policy regex")
                            || got.stream().anyMatch(g -> g.startsWith("Policy regex"))).toList());
        }
        assertThat(regexHits).isGreaterThan(300).isLessThan(2700);
        assertThat(detector.failures()).isEmpty();
    }
}
