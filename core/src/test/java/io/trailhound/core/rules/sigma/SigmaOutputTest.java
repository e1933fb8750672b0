package io.trailhound.core.rules.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.rules.TestEvents;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A Sigma alert's message is its title and its fields as {@code name=value}, written straight from
 * the accessors: the same text as from {@link SigmaOutput#fields}, with a repeated field once, an
 * absent one as {@code <NA>}, several values joined by commas and an object as its JSON text.
 */
class SigmaOutputTest {
    private static final CloudTrailEvent EVENT = TestEvents.parse("{\"eventVersion\":\"1.08\","
            + "\"eventTime\":\"2024-05-01T10:00:00Z\",\"eventSource\":\"sts.amazonaws.com\",\"eventName\":\"AssumeRole\","
            + "\"awsRegion\":\"us-east-1\",\"sourceIPAddress\":\"192.0.2.10\",\"eventID\":\"e-1\","
            + "\"userIdentity\":{\"type\":\"AssumedRole\",\"arn\":\"arn:aws:sts::111122223333:assumed-role/Admin/s\"},"
            + "\"requestParameters\":{\"roleArn\":\"arn:aws:iam::111122223333:role/Ops\",\"tags\":{\"team\":\"a\"}},"
            + "\"resources\":[{\"ARN\":\"arn:aws:iam::111122223333:role/Ops\"},{\"ARN\":\"arn:aws:iam::111122223333:role/Dev\"}]}");

    @Test
    void theMessageIsTheTitleAndTheFieldsAsTheyShow() {
        SigmaOutput out = new SigmaOutput("AWS STS AssumeRole Misuse", List.of("eventName", "userIdentity.arn",
                "requestParameters.roleArn", "eventName", "errorCode", "resources.ARN", "requestParameters.tags"));
        Map<String, String> fields = out.fields(EVENT);
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("eventName", "AssumeRole");
        expected.put("userIdentity.arn", "arn:aws:sts::111122223333:assumed-role/Admin/s");
        expected.put("requestParameters.roleArn", "arn:aws:iam::111122223333:role/Ops");
        expected.put("errorCode", null);
        expected.put("resources.ARN", "arn:aws:iam::111122223333:role/Ops,arn:aws:iam::111122223333:role/Dev");
        expected.put("requestParameters.tags", "{\"team\":\"a\"}");
        assertThat(fields).containsExactlyEntriesOf(expected);
        StringBuilder message = new StringBuilder("AWS STS AssumeRole Misuse");
        fields.forEach((k, v) -> message.append(' ').append(k).append('=').append(v == null ? "<NA>" : v));
        assertThat(out.render(EVENT)).isEqualTo(message.toString());
    }

    @Test
    void valuesGivenInAnotherOrderStillShowInTheFieldsOrder() {
        SigmaOutput out = new SigmaOutput("T", List.of("eventName", "userIdentity.arn", "errorCode"));
        Map<String, String> reversed = new LinkedHashMap<>();
        reversed.put("errorCode", "E");
        reversed.put("userIdentity.arn", "arn");
        reversed.put("eventName", "N");
        assertThat(out.render(EVENT, reversed)).isEqualTo("T eventName=N userIdentity.arn=arn errorCode=E");
        assertThat(out.render(EVENT, Map.of("eventName", "N"))).isEqualTo("T eventName=N userIdentity.arn=<NA> errorCode=<NA>");
    }

    @Test
    void withoutFieldsItSaysWhoDidWhatFromWhere() {
        assertThat(new SigmaOutput("T", List.of()).render(EVENT)).isEqualTo("T eventName=AssumeRole eventSource=sts.amazonaws.com "
                + "userIdentity.arn=arn:aws:sts::111122223333:assumed-role/Admin/s sourceIPAddress=192.0.2.10");
    }
}
