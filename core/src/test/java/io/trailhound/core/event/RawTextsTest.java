package io.trailhound.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * String fields the decoder leaves for their accessors to build from the raw bytes ({@link RawTexts})
 * read exactly what decoding them at once reads: escapes, non-ASCII text, keys given twice, values
 * that are not strings, an empty access key; and {@link UserIdentity#holds} answers as equals does.
 */
class RawTextsTest {
    private static final JsonFactory JSON = new JsonFactory();

    private static final List<String> RECORDS = List.of(
            """
            {"eventVersion":"1.09","userIdentity":{"type":"AssumedRole","principalId":"AROAX:alice","arn":"arn:aws:sts::111122223333:assumed-role/Admin/alice",
             "accountId":"111122223333","accessKeyId":"ASIAXAMPLE","sessionContext":{"sessionIssuer":{"type":"Role","principalId":"AROAX",
             "arn":"arn:aws:iam::111122223333:role/Admin","accountId":"111122223333","userName":"Admin"},"webIdFederationData":{"federatedProvider":"x"},
             "attributes":{"creationDate":"2026-11-02T16:54:39Z","mfaAuthenticated":"false"},"ec2RoleDelivery":"2.0","signInSessionArn":"s"}},
             "eventTime":"2026-11-02T17:47:07Z","eventSource":"iam.amazonaws.com","eventName":"ListUsers","awsRegion":"us-east-1",
             "sourceIPAddress":"10.0.0.1","userAgent":"aws-cli/2.0","errorCode":"AccessDenied","errorMessage":"no",
             "requestID":"r","eventID":"e1","eventType":"AwsApiCall","eventCategory":"Management","recipientAccountId":"111122223333","sharedEventID":"s1"}""",
            // escapes, non-ASCII, a slash escaped, a quote inside
            """
            {"eventVersion":"1.08","userIdentity":{"type":"IAMUser","principalId":"AIDA","arn":"arn:aws:iam::111122223333:user/j\\u00f6rg",
             "accountId":"111122223333","accessKeyId":"AKIA","userName":"j\u00f6rg \\"the\\" admin","invokedBy":"a\\/b",
             "sessionContext":{"sessionIssuer":{}}},
             "eventTime":"2026-11-02T17:47:07\\u005A","eventSource":"s3.amazonaws.com","eventName":"Get\\u004fbject","awsRegion":"eu-west-1",
             "userAgent":"\u00e9t\u00e9 \u2603 \\n tab\\t","eventID":"e2"}""",
            // keys given twice, values that are not strings, an empty access key, a second userIdentity
            """
            {"eventName":"A","eventName":"B","awsRegion":5,"awsRegion":"r2","sourceIPAddress":"ip","sourceIPAddress":null,
             "userIdentity":{"type":"Root","userName":"first","accessKeyId":"ASIAFIRST"},
             "userIdentity":{"type":"IAMUser","accessKeyId":"","arn":true,"sessionContext":{"sessionIssuer":{"arn":"one","userName":"u1"},
               "sessionIssuer":{"type":"Role"}}},
             "eventTime":"2026-11-02T17:47:07Z","eventSource":"x","eventID":"e3","errorCode":{"nested":"object"}}""",
            // an EventBridge envelope
            """
            {"version":"0","detail-type":"AWS API Call via CloudTrail","detail":{"eventName":"CreateUser","eventID":"e4",
             "eventTime":"2026-11-02T17:47:07Z","userIdentity":{"type":"AssumedRole","arn":"arn:aws:sts::1:assumed-role/R/s",
             "sessionContext":{"sessionIssuer":{"arn":"arn:aws:iam::1:role/R","userName":"R"}}}}}""");

    private static final List<Function<CloudTrailEvent, Object>> FIELDS = List.of(
            CloudTrailEvent::eventVersion, CloudTrailEvent::eventID, CloudTrailEvent::eventName, CloudTrailEvent::awsRegion,
            CloudTrailEvent::sourceIPAddress, CloudTrailEvent::userAgent, CloudTrailEvent::errorCode, CloudTrailEvent::errorMessage,
            CloudTrailEvent::eventType, CloudTrailEvent::eventCategory, CloudTrailEvent::recipientAccountId,
            CloudTrailEvent::sharedEventID, CloudTrailEvent::requestID, CloudTrailEvent::eventSource, CloudTrailEvent::eventTimeText,
            CloudTrailEvent::eventTimeMillis, e -> e.eventIDChars() == null ? null : e.eventIDChars().toString(),
            e -> e.userIdentity().type(), e -> e.userIdentity().principalId(), e -> e.userIdentity().arn(),
            e -> e.userIdentity().accountId(), e -> e.userIdentity().accessKeyId(), e -> e.userIdentity().userName(),
            e -> e.userIdentity().invokedBy(), e -> e.userIdentity().identityProvider(), e -> e.userIdentity().credentialId(),
            e -> e.userIdentity().sessionCreationDate(), e -> e.userIdentity().ec2RoleDelivery(),
            e -> e.userIdentity().webIdFederatedProvider(), e -> e.userIdentity().signInSessionArn(),
            e -> e.userIdentity().sessionIssuer(), e -> e.userIdentity().temporaryKey());

    @Test
    void fieldsBuiltFromTheBytesReadAsFieldsDecodedAtOnce() throws Exception {
        for (String record : RECORDS) {
            CloudTrailEvent lazy = lazy(record);
            CloudTrailEvent eager = eager(record);
            assertThat(lazy.textAt).as("the decoder left fields unbuilt").isNotNull();
            assertThat(eager.textAt).isNull();
            for (int i = 0; i < FIELDS.size(); i++) {
                assertThat(FIELDS.get(i).apply(lazy)).as("field %d of %s", i, record).isEqualTo(FIELDS.get(i).apply(eager));
            }
            assertThat(lazy.toString()).isEqualTo(eager.toString());
        }
    }

    @Test
    void holdsAnswersAsEqualsWithoutBuildingTheField() throws Exception {
        for (String record : RECORDS) {
            CloudTrailEvent eager = eager(record);
            for (UserIdentity.Text f : UserIdentity.Text.values()) {
                String truth = value(eager.userIdentity(), f);
                List<String> probes = new ArrayList<>(java.util.Arrays.asList(null, "", "x", "AssumedRole", "Role", "ASIAFIRST"));
                if (truth != null) {
                    probes.add(truth);
                    probes.add(truth + "x");
                    probes.add(truth.isEmpty() ? "y" : truth.substring(0, truth.length() - 1));
                }
                for (String probe : probes) {
                    // A fresh event per probe: holds must answer before anything built the field.
                    UserIdentity fresh = lazy(record).userIdentity();
                    assertThat(fresh.holds(f, probe)).as("%s holds %s in %s", f, probe, record)
                            .isEqualTo(java.util.Objects.equals(truth, probe));
                }
            }
        }
    }

    @Test
    void aStringReadFromTheBytesAtEveryLengthAndWithAnEscapeOrNonAsciiAtEveryPlace() throws Exception {
        String[] specials = {null, "\\\"", "\\\\", "\\u00e9", "\u00e9", "\u2603", "\\n"};
        for (int length = 0; length < 40; length++) {
            for (String special : specials) {
                for (int at = 0; at <= (special == null ? 0 : length); at++) {
                    StringBuilder json = new StringBuilder("{\"a\":1,\"k\":\"");
                    for (int i = 0; i < length; i++) {
                        if (special != null && i == at) {
                            json.append(special);
                        }
                        json.append((char) ('a' + i % 26));
                    }
                    if (special != null && at == length) {
                        json.append(special);
                    }
                    json.append("\",\"z\":2}");
                    byte[] raw = json.toString().getBytes(StandardCharsets.UTF_8);
                    String expected = new com.fasterxml.jackson.databind.ObjectMapper().readTree(raw).get("k").asText();
                    int quote = json.indexOf("\"k\":") + 4;
                    assertThat(RawTexts.read(raw, quote, null)).as(json.toString()).isEqualTo(expected);
                    assertThat(RawTexts.equalsAt(raw, quote, expected, null)).as(json.toString()).isTrue();
                    assertThat(RawTexts.equalsAt(raw, quote, expected + "a", null)).as(json.toString()).isFalse();
                }
            }
        }
    }

    @Test
    void anEventIdReadFromTheBytesKeysTheDedupeAsItsString() throws Exception {
        for (String id : List.of("cfd68787-9ed1-4a18-858e-f6d7ff18b115", "not-a-uuid", "\\u00e9t\\u00e9", "été")) {
            CloudTrailEvent e = lazy("{\"eventID\":\"" + id + "\",\"eventName\":\"X\"}");
            long[] fromBytes = new long[2];
            long[] fromString = new long[2];
            io.trailhound.core.ingest.EventIdSet.keyOf(e.eventIDChars(), fromBytes, 0);
            io.trailhound.core.ingest.EventIdSet.keyOf(e.eventID(), fromString, 0);
            assertThat(fromBytes).as(id).isEqualTo(fromString);
        }
    }

    @Test
    void anIdentityCopyHoldsNoTieToTheRecord() throws Exception {
        CloudTrailEvent e = lazy(RECORDS.get(0));
        CloudTrailEvent copy = e.identityCopy(e.userIdentity());
        assertThat(copy.userIdentity().owner).isNull();
        assertThat(copy.userIdentity().sessionIssuer().arn()).isEqualTo("arn:aws:iam::111122223333:role/Admin");
        assertThat(copy.eventName()).isEqualTo("ListUsers");
    }

    private static String value(UserIdentity u, UserIdentity.Text f) {
        return switch (f) {
            case TYPE -> u.type();
            case PRINCIPAL_ID -> u.principalId();
            case ARN -> u.arn();
            case ACCOUNT_ID -> u.accountId();
            case ACCESS_KEY_ID -> u.accessKeyId();
            case USER_NAME -> u.userName();
            case INVOKED_BY -> u.invokedBy();
            case IDENTITY_PROVIDER -> u.identityProvider();
            case EC2_ROLE_DELIVERY -> u.ec2RoleDelivery();
            case SESSION_CREATION_DATE -> u.sessionCreationDate();
            case SESSION_ISSUER_ARN -> u.sessionIssuer() == null ? null : u.sessionIssuer().arn();
            case SESSION_ISSUER_USER_NAME -> u.sessionIssuer() == null ? null : u.sessionIssuer().userName();
        };
    }

    private static CloudTrailEvent lazy(String record) throws Exception {
        byte[] raw = record.getBytes(StandardCharsets.UTF_8);
        return new CloudTrailEventDecoder().decodeRecord(JSON, raw, new SourcePosition("test", 0, 1));
    }

    /** Decoded with the first field name already read by the caller: the decoder then builds every field at once. */
    private static CloudTrailEvent eager(String record) throws Exception {
        byte[] raw = record.getBytes(StandardCharsets.UTF_8);
        try (JsonParser p = JSON.createParser(raw)) {
            p.nextToken();
            String first = p.nextFieldName();
            return CloudTrailEventDecoder.attach(new CloudTrailEventDecoder().decode(p, first), raw, new SourcePosition("test", 0, 1));
        }
    }
}
