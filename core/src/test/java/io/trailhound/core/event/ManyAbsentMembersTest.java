package io.trailhound.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.core.testkit.CloudTrailRecord;
import org.junit.jupiter.api.Test;

/**
 * A record asked for more members than it keeps room for at first, most of them answered absent
 * from the bytes alone (their quoted names are nowhere in it): every answer is what the tree
 * gives, asked once or again. Elastic's ES|QL rules read many such members of one event.
 */
class ManyAbsentMembersTest {
    private static final String RECORD = "{\"eventTime\":\"2024-05-01T10:00:00Z\",\"eventID\":\"e\","
            + "\"eventSource\":\"ecr.amazonaws.com\",\"eventName\":\"SetRepositoryPolicy\","
            + "\"requestParameters\":{\"repositoryName\":\"app\"},\"additionalEventData\":{\"k\":1},"
            + "\"tlsDetails\":{\"tlsVersion\":\"TLSv1.2\"}}";
    private static final String[] NAMES = {"requestParameters", "resources", "serviceEventDetails", "sharedEventID",
            "vpcEndpointId", "addendum", "edgeDeviceDetails", "insightDetails", "responseElements", "tlsDetails",
            "additionalEventData", "managementEvent", "sessionCredentialFromConsole", "eventCategory"};

    @Test
    void everyMemberAnswersAsTheTreeDoesHoweverManyAreAskedFor() {
        CloudTrailEvent lazy = CloudTrailRecord.decode(RECORD);
        CloudTrailEvent whole = CloudTrailRecord.decode(RECORD);
        whole.tree();
        for (int round = 0; round < 2; round++) {
            for (String name : NAMES) {
                assertThat(lazy.member(name)).as(name).isEqualTo(whole.member(name));
            }
        }
        assertThat(lazy.member("tlsDetails").path("tlsVersion").asText()).isEqualTo("TLSv1.2");
        assertThat(lazy.member("resources")).isNull();
    }
}
