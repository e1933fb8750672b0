package io.trailhound.core.rules.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.rules.LoadResult;
import io.trailhound.core.rules.RuleFile;
import io.trailhound.core.rules.TestEvents;
import io.trailhound.core.rules.ir.Predicate;
import java.util.List;
import java.util.Map;

/** Builds small Sigma rules and CloudTrail records for the front end's unit tests. */
final class SigmaFixtures {
    private SigmaFixtures() {
    }

    static LoadResult load(String yaml) {
        return new SigmaFrontEnd().load(List.of(new RuleFile("test.yml", yaml)));
    }

    /** A whole CloudTrail rule around a {@code detection} block written without indentation. */
    static String rule(String detection) {
        return """
                title: Test rule
                id: 11111111-2222-3333-4444-555555555555
                logsource:
                    product: aws
                    service: cloudtrail
                level: medium
                detection:
                """ + detection.indent(4);
    }

    /** The compiled condition of a rule with this detection block; fails the test if it does not load. */
    static Predicate detection(String detection) {
        return detection(detection, Map.of());
    }

    static Predicate detection(String detection, Map<String, List<String>> placeholders) {
        LoadResult r = new SigmaFrontEnd(placeholders).load(List.of(new RuleFile("test.yml", rule(detection))));
        assertThat(r.problems()).isEmpty();
        assertThat(r.rules()).hasSize(1);
        return r.rules().get(0).condition();
    }

    static final String IAM_USER = """
            {"type":"IAMUser","principalId":"AIDAEXAMPLE","arn":"arn:aws:iam::111122223333:user/alice",
             "accountId":"111122223333","accessKeyId":"AKIAEXAMPLE","userName":"alice"}""";

    /**
     * A CloudTrail record of an IAM user's API call; {@code extraFields} is JSON members (without
     * braces) added to the record.
     */
    static CloudTrailEvent event(String eventSource, String eventName, String extraFields) {
        return eventBy(IAM_USER, eventSource, eventName, extraFields);
    }

    /** The same, made by the given {@code userIdentity} object. */
    static CloudTrailEvent eventBy(String userIdentity, String eventSource, String eventName, String extraFields) {
        return TestEvents.parse("""
                {"eventVersion":"1.09","eventTime":"2024-05-01T10:00:00Z","eventID":"6f1c2b9e-0000-4000-8000-000000000001",
                 "eventSource":"%s","eventName":"%s","awsRegion":"us-east-1",
                 "userIdentity":%s,
                 "eventType":"AwsApiCall","recipientAccountId":"111122223333"%s}
                """.formatted(eventSource, eventName, userIdentity,
                extraFields.isBlank() ? "" : "," + extraFields));
    }
}
