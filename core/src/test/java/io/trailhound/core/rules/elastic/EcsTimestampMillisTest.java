package io.trailhound.core.rules.elastic;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.core.alert.Alert;
import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.rules.TestEvents;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * ES|QL reads {@code @timestamp} as the decoded event time's milliseconds instead of writing the
 * ECS text and parsing it back: the same date wherever both paths apply, and the text path where
 * the event time is absent or outside what the fast text covers.
 */
class EcsTimestampMillisTest {
    private static CloudTrailEvent at(String eventTime) {
        String time = eventTime == null ? "" : "\"eventTime\":\"" + eventTime + "\",";
        return TestEvents.parse("{" + time + "\"eventVersion\":\"1.08\",\"eventSource\":\"iam.amazonaws.com\","
                + "\"eventName\":\"CreateAccessKey\",\"awsRegion\":\"us-east-1\",\"eventID\":\"e-" + eventTime + "\","
                + "\"userIdentity\":{\"type\":\"IAMUser\",\"arn\":\"arn:aws:iam::111122223333:user/alice\"}}");
    }

    @Test
    void theMillisAreWhatTheTimestampTextReadsBackAs() {
        for (String t : new String[] {"2024-05-01T10:00:00Z", "2024-05-01T10:00:00.123Z", "2038-01-19T03:14:08Z"}) {
            CloudTrailEvent e = at(t);
            long fast = EcsFields.timestampMillis(e);
            assertThat(fast).as(t).isNotEqualTo(Long.MIN_VALUE);
            assertThat(fast).as(t).isEqualTo(Instant.parse(PipelineValues.esDate(e.eventTime())).toEpochMilli());
        }
        for (String t : new String[] {"1969-12-31T23:59:59.999Z", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999Z",
                "+10000-01-01T00:00:00Z", "-0001-01-01T00:00:00Z"}) {
            CloudTrailEvent e = at(t); // where the decoder has a time at all, the fast path gives what the text does
            long fast = EcsFields.timestampMillis(e);
            if (fast != Long.MIN_VALUE) {
                assertThat(fast).as(t).isEqualTo(Instant.parse(PipelineValues.esDate(e.eventTime())).toEpochMilli());
            }
        }
        assertThat(EcsFields.timestampMillis(at(null))).as("no eventTime: the text path decides").isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void aQueryOverTimestampGivesTheEventTimes() {
        String query = "FROM logs-aws.cloudtrail-* | WHERE event.action == \"CreateAccessKey\" "
                + "| STATS first = MIN(@timestamp), last = MAX(@timestamp), n = COUNT(*) BY user.name";
        List<Alert> alerts = EsqlRuns.run(EsqlRuns.load("t.toml", EsqlSemanticsTest.toml("now-1h", "1h", "", query)),
                at("2024-05-01T10:00:00.250Z"), at("2024-05-01T10:30:00Z"), at("2024-05-01T10:10:00Z"));
        assertThat(alerts).isNotEmpty();
        assertThat(alerts.get(0).context()).containsEntry("first", "2024-05-01T10:00:00.250Z")
                .containsEntry("last", "2024-05-01T10:30:00.000Z").containsEntry("n", "3");
    }
}
