package io.trailhound.core.rules.falco;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.rules.TestEvents;
import io.trailhound.core.rules.load.RuleSyntaxException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The CloudTrail plugin's fields with its semantics (falco.md §2), read through rule outputs so
 * they are tested as rules see them.
 */
class FieldExtractionTest {
    /** The value of each field for {@code e}, as a rule output's {@code output_fields} gives it. */
    private static Map<String, String> values(CloudTrailEvent e, String... fields) {
        StringBuilder format = new StringBuilder();
        for (String f : fields) {
            format.append(" %").append(f);
        }
        try {
            return new OutputParser(FieldCatalog.standard()).parse(format.toString()).fields(e);
        } catch (RuleSyntaxException ex) {
            throw new AssertionError(ex.getMessage(), ex);
        }
    }

    private static String value(CloudTrailEvent e, String field) {
        return values(e, field).get(field);
    }

    private static final CloudTrailEvent PUT = Records.event("s3.amazonaws.com", "PutObject", Records.ALICE, """
            ,"requestParameters":{"bucketName":"logs","key":"a/b.txt","Host":"logs.s3.amazonaws.com"},
             "additionalEventData":{"bytesTransferredIn":1024.9,"bytesTransferredOut":0},
             "resources":[{"type":"AWS::S3::Object","ARN":"arn:aws:s3:::logs/a/b.txt"},
                          {"accountId":"111122223333","type":"AWS::S3::Bucket","ARN":"arn:aws:s3:::logs"}],
             "serviceEventDetails":{"x":1},"sessionCredentialFromConsole":"true",
             "tlsDetails":{"tlsVersion":"TLSv1.3","cipherSuite":"TLS_AES_128_GCM_SHA256",
               "clientProvidedHostHeader":"logs.s3.amazonaws.com"}""");

    @Test
    void ctUserPerIdentityType() {
        assertThat(value(Records.event("s", "X", Records.ALICE, ""), "ct.user")).isEqualTo("alice");
        assertThat(value(Records.event("s", "X", Records.ROOT, ""), "ct.user")).isNull();
        assertThat(value(Records.event("s", "X", Records.ADMIN_ROLE, ""), "ct.user")).isEqualTo("Admin");
        assertThat(value(Records.event("s", "X", "{\"type\":\"AssumedRole\",\"arn\":\"x\"}", ""), "ct.user"))
                .isEqualTo("AssumedRole");
        assertThat(value(Records.event("s", "X", "{\"type\":\"AWSService\",\"invokedBy\":\"ec2.amazonaws.com\"}", ""),
                "ct.user")).isEqualTo("ec2.amazonaws.com");
        assertThat(value(Records.event("s", "X", "{\"type\":\"AWSAccount\",\"accountId\":\"1\"}", ""), "ct.user"))
                .isEqualTo("AWSAccount");
        assertThat(value(Records.event("s", "X", "{\"type\":\"FederatedUser\"}", ""), "ct.user"))
                .isEqualTo("FederatedUser");
        assertThat(value(Records.event("s", "X", "{\"type\":\"SAMLUser\",\"userName\":\"x\"}", ""), "ct.user"))
                .isNull();
    }

    @Test
    void identityFields() {
        CloudTrailEvent role = Records.event("s", "X", Records.ADMIN_ROLE, "");
        assertThat(values(role, "ct.originaluser", "ct.user.identitytype", "ct.user.principalid", "ct.user.arn",
                "ct.user.accountid")).containsExactly(Map.entry("ct.originaluser", "bob"),
                Map.entry("ct.user.identitytype", "AssumedRole"), Map.entry("ct.user.principalid", "AROAEXAMPLEADMIN:bob"),
                Map.entry("ct.user.arn", "arn:aws:sts::111122223333:assumed-role/Admin/bob"),
                Map.entry("ct.user.accountid", "111122223333"));
        CloudTrailEvent principalOnly = Records.event("s", "X",
                "{\"type\":\"AssumedRole\",\"principalId\":\"AROA1:carol\"}", "");
        assertThat(value(principalOnly, "ct.originaluser")).isEqualTo("carol");
        assertThat(value(principalOnly, "ct.user.accountid")).as("falls back to the recipient").isEqualTo("111122223333");
        assertThat(value(Records.event("s", "X", Records.ALICE, ""), "ct.originaluser")).isEqualTo("alice");
    }

    @Test
    void eventFieldsAndTheirAbsence() {
        CloudTrailEvent e = Records.event("ecs.amazonaws.com", "RunTask", Records.ALICE, "");
        assertThat(values(e, "ct.id", "ct.src", "ct.shortsrc", "ct.name", "ct.region", "ct.srcip", "ct.useragent",
                "ct.error", "ct.errormessage", "ct.readonly", "ct.managementevent", "ct.eventtype",
                "ct.recipientaccountid", "ct.eventcategory", "ct.time"))
                .containsEntry("ct.src", "ecs.amazonaws.com").containsEntry("ct.shortsrc", "ecs")
                .containsEntry("ct.error", null).containsEntry("ct.errormessage", null)
                .containsEntry("ct.readonly", "false").containsEntry("ct.managementevent", "true")
                .containsEntry("ct.eventtype", "AwsApiCall").containsEntry("ct.time", "2024-05-01T10:00:00Z")
                .containsEntry("ct.srcip", "203.0.113.9").containsEntry("ct.eventcategory", "Management");
        assertThat(value(Records.event("example.com", "X", Records.ALICE, ""), "ct.shortsrc")).isEqualTo("example.com");
        assertThat(value(Records.event("s", "X", Records.ALICE, ",\"errorCode\":null"), "ct.error"))
                .as("JSON null is no error").isNull();
    }

    @Test
    void wholeObjectsAreCompactJsonAndOtherNonStringsAreEmpty() {
        assertThat(value(PUT, "ct.request")).isEqualTo(
                "{\"bucketName\":\"logs\",\"key\":\"a/b.txt\",\"Host\":\"logs.s3.amazonaws.com\"}");
        assertThat(value(PUT, "ct.additionaleventdata"))
                .isEqualTo("{\"bytesTransferredIn\":1024.9,\"bytesTransferredOut\":0}");
        assertThat(value(PUT, "ct.serviceeventdetails")).isEmpty();
        assertThat(value(PUT, "ct.response")).isNull();
        assertThat(value(PUT, "ct.resources")).isEqualTo("{\"type\":\"AWS::S3::Object\",\"ARN\":\"arn:aws:s3:::logs/a/b.txt\"},"
                + "{\"accountId\":\"111122223333\",\"type\":\"AWS::S3::Bucket\",\"ARN\":\"arn:aws:s3:::logs\"}");
        assertThat(value(PUT, "ct.sessioncredentialfromconsole")).as("string \"true\" read as true (plugin fix)")
                .isEqualTo("true");
        assertThat(values(PUT, "ct.tlsdetails.tlsversion", "ct.tlsdetails.ciphersuite",
                "ct.tlsdetails.clientprovidedhostheader")).containsValues("TLSv1.3", "TLS_AES_128_GCM_SHA256",
                "logs.s3.amazonaws.com");
    }

    @Test
    void s3Fields() {
        assertThat(values(PUT, "s3.uri", "s3.bucket", "s3.key", "s3.bytes", "s3.bytes.in", "s3.bytes.out",
                "s3.cnt.get", "s3.cnt.put", "s3.cnt.other", "ct.request.host"))
                .containsEntry("s3.uri", "s3://logs/a/b.txt").containsEntry("s3.bucket", "logs")
                .containsEntry("s3.key", "a/b.txt").containsEntry("s3.bytes", "1024").containsEntry("s3.bytes.in", "1024")
                .containsEntry("s3.bytes.out", "0").containsEntry("s3.cnt.get", null).containsEntry("s3.cnt.put", "1")
                .containsEntry("s3.cnt.other", null).containsEntry("ct.request.host", "logs.s3.amazonaws.com");
    }

    @Test
    void ec2AndIamFields() {
        CloudTrailEvent run = Records.event("ec2.amazonaws.com", "RunInstances", Records.ALICE, """
                ,"requestParameters":{"tagSpecificationSet":{"items":[
                   {"resourceType":"volume","tags":[{"key":"Name","value":"disk"}]},
                   {"resourceType":"instance","tags":[{"key":"env","value":"prod"},{"key":"Name","value":"web-1"}]}]}},
                 "responseElements":{"instancesSet":{"items":[{"imageId":"ami-1"},{"imageId":""},{"imageId":"ami-3"}]}}""");
        assertThat(value(run, "ec2.name")).isEqualTo("web-1");
        assertThat(value(run, "ec2.imageids")).isEqualTo("(ami-1,ami-3)");
        assertThat(value(run, "ec2.imageid")).isEqualTo("ami-1");
        assertThat(value(run, "ec2.imageids[1]")).isEqualTo("(ami-3)");
        CloudTrailEvent describe = Records.event("ec2.amazonaws.com", "DescribeImages", Records.ALICE,
                ",\"requestParameters\":{\"imageId\":\"ami-9\"}");
        assertThat(value(describe, "ec2.imageid")).isEqualTo("ami-9");
        CloudTrailEvent iam = Records.event("iam.amazonaws.com", "PutRolePolicy", Records.ALICE,
                ",\"requestParameters\":{\"roleName\":\"Admin\",\"policyName\":\"all\",\"repositoryName\":\"r\","
                        + "\"imageTag\":\"latest\"}");
        assertThat(values(iam, "iam.role", "iam.policy", "ecr.repository", "ecr.imagetag"))
                .containsValues("Admin", "all", "r", "latest");
    }

    @Test
    void jsonPointerValues() {
        CloudTrailEvent e = Records.event("s", "X", Records.ALICE, """
                ,"requestParameters":{"a/b":{"c~d":"x"},"n":12,"flag":false,"list":["p","q"],"none":null}""");
        assertThat(value(e, "json.value[/requestParameters/a~1b/c~0d]")).isEqualTo("x");
        assertThat(value(e, "json.value[/requestParameters/n]")).isEqualTo("12");
        assertThat(value(e, "json.value[/requestParameters/flag]")).isEqualTo("false");
        assertThat(value(e, "json.value[/requestParameters/list/1]")).isEqualTo("q");
        assertThat(value(e, "json.value[/requestParameters/list]")).isEqualTo("[\"p\",\"q\"]");
        assertThat(value(e, "json.value[/requestParameters/none]")).isEqualTo("null");
        assertThat(value(e, "json.value[/requestParameters/missing]")).isNull();
        assertThat(value(e, "jevt.value[/eventName]")).isEqualTo("X");
        assertThat(value(e, "json.obj")).startsWith("{\n  \"eventVersion\": \"1.08\",\n  \"userIdentity\": {\n");
    }

    /**
     * A pointer or {@code ct.request.*} field whose key is surely not in the member's bytes answers
     * without parsing; present, nested, given twice, spelled with an escape or after another member
     * was parsed, it answers as the record's tree does.
     */
    @Test
    void jsonPointersAnswerAsTheTreeDoesOnKeysGivenTwice() {
        String rest = ",\"requestParameters\":{\"a\":{\"b\":1},\"a\":{\"b\":{\"c\":\"last\"}},\"x\":{\"0\":\"zero\"},"
                + "\"l\":[\"p\"],\"s\":\"t\",\"n\":null,\"policy\":\"doc\",\"\\u0065\":\"escaped key\"},\"responseElements\":null,\"additionalEventData\":[{\"a\":1}]";
        for (String ptr : List.of("/requestParameters/a/b/c", "/requestParameters/a/b", "/requestParameters/a",
                "/requestParameters/x/0", "/requestParameters/l/0", "/requestParameters/s/0", "/requestParameters/s",
                "/requestParameters/n", "/requestParameters/n/a", "/responseElements/a", "/requestParameters/missing/b",
                "/additionalEventData/a", "/additionalEventData/0/a", "/requestParameters", "/requestParameters/absent",
                "/requestParameters/t", "/requestParameters/c/d", "/requestParameters/e")) {
            com.fasterxml.jackson.databind.JsonNode want = Records.event("s", "X", Records.ALICE, rest).tree()
                    .at(ptr);
            String expected = want.isMissingNode() ? null : want.isTextual() ? want.textValue() : want.toString();
            CloudTrailEvent e = Records.event("s", "X", Records.ALICE, rest);
            assertThat(value(e, "json.value[" + ptr + "]")).as(ptr).isEqualTo(expected);
            assertThat(value(e, "json.value[" + ptr + "]")).as("again: " + ptr).isEqualTo(expected);
        }
        CloudTrailEvent plain = Records.event("s", "X", Records.ALICE, ",\"requestParameters\":{\"policy\":\"doc\",\"k\":\"host\"},"
                + "\"responseElements\":{\"availabilityZone\":\"az\"}");
        assertThat(plain.mayHaveKey("requestParameters", "availabilityZone")).as("only in the next member").isFalse();
        assertThat(plain.mayHaveKey("responseElements", "availabilityZone")).isTrue();
        assertThat(plain.mayHaveKey("requestParameters", "doc")).as("a value, not a key: parse to tell").isTrue();
        assertThat(plain.mayHaveKey("requestParameters", "host")).isTrue();
        assertThat(value(plain, "ct.request.availabilityzone")).isNull();
        assertThat(value(plain, "ct.request.host")).isNull();
        assertThat(value(plain, "ct.request.policy")).isEqualTo("doc");
        CloudTrailEvent e = Records.event("s", "X", Records.ALICE, rest);
        assertThat(e.mayHaveKey("requestParameters", "absent")).as("a backslash-u in the record: never sure").isTrue();
        assertThat(values(e, "json.value[/requestParameters/a/b/c]", "ct.request.policy", "json.value[/requestParameters/n]"))
                .containsEntry("json.value[/requestParameters/a/b/c]", "last").containsEntry("ct.request.policy", "doc")
                .containsEntry("json.value[/requestParameters/n]", "null");
    }

    @Test
    void eventTimesAndSummaries() {
        CloudTrailEvent e = TestEvents.parse(Records.json("s3.amazonaws.com", "GetObject", Records.ALICE,
                ",\"requestParameters\":{\"bucketName\":\"logs\",\"key\":\"k\"},\"errorCode\":\"NoSuchKey\"")
                .replace("2024-05-01T10:00:00Z", "2024-05-01T10:00:07Z"));
        assertThat(values(e, "evt.time", "evt.time.s", "evt.time.iso8601", "evt.datetime", "evt.datetime.s",
                "evt.rawtime", "evt.rawtime.s", "evt.rawtime.ns", "json.rawtime", "evt.num", "evt.source",
                "evt.pluginname")).containsExactly(Map.entry("evt.time", "10:00:07.000000000"),
                Map.entry("evt.time.s", "10:00:07"), Map.entry("evt.time.iso8601", "2024-05-01T10:00:07.000000000+0000"),
                Map.entry("evt.datetime", "2024-05-01 10:00:07.000000000"), Map.entry("evt.datetime.s", "2024-05-01 10:00:07"),
                Map.entry("evt.rawtime", "1714557607000000000"), Map.entry("evt.rawtime.s", "1714557607"),
                Map.entry("evt.rawtime.ns", "0"), Map.entry("json.rawtime", "1714557607000000000"),
                Map.entry("evt.num", "1"), Map.entry("evt.source", "aws_cloudtrail"),
                Map.entry("evt.pluginname", "cloudtrail"));
        assertThat(value(e, "ct.info")).isEqualTo("alice via 203.0.113.9 !→ GetObject URI=s3://logs/k");
        assertThat(value(e, "evt.plugininfo")).isEqualTo("us-east-1 alice s3 GetObject alice via 203.0.113.9 !→ "
                + "GetObject URI=s3://logs/k");
    }

    @Test
    void theFieldsTableListsEveryPluginField() {
        List<FieldsTable.Row> rows = FalcoFrontEnd.fields();
        assertThat(rows).extracting(FieldsTable.Row::name).contains("ct.user", "ct.request.documentname",
                "s3.bytes", "ec2.imageids[N]", "json.value[...]", "json.obj", "evt.num", "evt.time.iso8601",
                "evt.plugininfo", "ecr.repository", "iam.policy");
        assertThat(rows.stream().filter(r -> r.name().matches("(ct|s3|ec2|ecr|iam)\\..*"))).hasSize(73);
        assertThat(FalcoFrontEnd.fieldsMarkdown()).startsWith("| field | type | description |\n|---|---|---|\n")
                .contains("| `s3.bytes` | uint64 |");
    }
}
