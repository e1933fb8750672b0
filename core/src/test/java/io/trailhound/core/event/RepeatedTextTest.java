package io.trailhound.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Repeated field values come back as one instance each, and always with their own text. */
class RepeatedTextTest {

    @Test
    void givesTheInstanceMetBeforeAndTheRightTextOnEveryCollision() {
        RepeatedText cache = new RepeatedText();
        Random r = new Random(33);
        Map<String, String> first = new HashMap<>();
        for (int i = 0; i < 200_000; i++) {
            // 5,000 distinct values over 2,048 slots: most lookups collide with another value's slot
            String v = "arn:aws:iam::" + r.nextInt(5_000) + ":role/App" + (i % 3 == 0 ? "\u00e9" : "");
            char[] c = ("xx" + v + "yy").toCharArray();
            String got = cache.of(c, 2, v.length());
            assertThat(got).isEqualTo(v);
            first.putIfAbsent(v, got);
        }
        // the same text right after: the same instance
        char[] c = "eventSource".toCharArray();
        assertThat(cache.of(c, 0, c.length)).isSameAs(cache.of(c.clone(), 0, c.length));
        assertThat(cache.of(new char[0], 0, 0)).isEmpty();
        // longer than kept: built each time, still right
        String longText = "a".repeat(RepeatedText.MAX_LENGTH + 1);
        assertThat(cache.of(longText.toCharArray(), 0, longText.length())).isEqualTo(longText);
    }

    @Test
    void decodedRecordsShareTheirRepeatedValuesAndKeepTheirText() throws Exception {
        String record = "{\"eventVersion\":\"1.08\",\"userIdentity\":{\"type\":\"AssumedRole\",\"principalId\":\"AROA1:s%d\","
                + "\"arn\":\"arn:aws:sts::111122223333:assumed-role/App/s%d\",\"accountId\":\"111122223333\","
                + "\"accessKeyId\":\"ASIA%016d\",\"sessionContext\":{\"sessionIssuer\":{\"type\":\"Role\",\"principalId\":\"AROA1\","
                + "\"arn\":\"arn:aws:iam::111122223333:role/App\",\"accountId\":\"111122223333\",\"userName\":\"App\"}}},"
                + "\"eventTime\":\"2026-11-01T00:00:0%dZ\",\"eventSource\":\"s3.amazonaws.com\",\"eventName\":\"Get\\u004fbject\","
                + "\"awsRegion\":\"eu-west-1\",\"userAgent\":\"aws-cli/2 Zo\\u00eb\",\"eventID\":\"id-%d\","
                + "\"recipientAccountId\":\"111122223333\",\"errorCode\":\"AccessDenied\",\"eventType\":\"AwsApiCall\","
                + "\"eventCategory\":\"Management\"}";
        CloudTrailEventDecoder decoder = new CloudTrailEventDecoder();
        JsonFactory json = new JsonFactory();
        CloudTrailEvent[] e = new CloudTrailEvent[2];
        for (int i = 0; i < 2; i++) {
            byte[] raw = String.format(record, i, i, i, i, i).getBytes(StandardCharsets.UTF_8);
            e[i] = decoder.decodeRecord(json, raw, null);
        }
        for (CloudTrailEvent x : e) {
            assertThat(x.eventName()).isEqualTo("GetObject");
            assertThat(x.userAgent()).isEqualTo("aws-cli/2 Zo\u00eb");
            assertThat(x.userIdentity().sessionIssuer().arn()).isEqualTo("arn:aws:iam::111122223333:role/App");
        }
        assertThat(e[1].eventSource()).isSameAs(e[0].eventSource());
        assertThat(e[1].eventName()).isSameAs(e[0].eventName());
        assertThat(e[1].awsRegion()).isSameAs(e[0].awsRegion());
        assertThat(e[1].userAgent()).isSameAs(e[0].userAgent());
        assertThat(e[1].recipientAccountId()).isSameAs(e[0].recipientAccountId());
        assertThat(e[1].userIdentity().type()).isSameAs(e[0].userIdentity().type());
        assertThat(e[1].userIdentity().sessionIssuer().arn()).isSameAs(e[0].userIdentity().sessionIssuer().arn());
        // values of each record its own stay its own
        assertThat(e[1].userIdentity().arn()).isEqualTo("arn:aws:sts::111122223333:assumed-role/App/s1");
        assertThat(e[1].userIdentity().accessKeyId()).isEqualTo(String.format("ASIA%016d", 1));
        assertThat(e[1].eventID()).isEqualTo("id-1");
    }
}
