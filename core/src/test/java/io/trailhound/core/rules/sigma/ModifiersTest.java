package io.trailhound.core.rules.sigma;

import static io.trailhound.core.rules.sigma.SigmaFixtures.detection;
import static io.trailhound.core.rules.sigma.SigmaFixtures.event;
import static io.trailhound.core.rules.sigma.SigmaFixtures.load;
import static io.trailhound.core.rules.sigma.SigmaFixtures.rule;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.rules.LoadProblem;
import io.trailhound.core.rules.LoadResult;
import io.trailhound.core.rules.ir.Predicate;
import java.util.Base64;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each Sigma value modifier and value kind, on CloudTrail records. */
class ModifiersTest {
    private static final CloudTrailEvent UA = event("s3.amazonaws.com", "ListBuckets",
            "\"userAgent\":\"S3 Browser/11.5.7 https://s3browser.com\",\"sourceIPAddress\":\"10.1.2.3\"");

    @Test
    void plainValuesCompareCaseInsensitivelyAndCasedMakesThemSensitive() {
        assertThat(detection("sel:\n  eventName: listbuckets\ncondition: sel").test(UA)).isTrue();
        assertThat(detection("sel:\n  eventName|cased: listbuckets\ncondition: sel").test(UA)).isFalse();
        assertThat(detection("sel:\n  eventName|cased: ListBuckets\ncondition: sel").test(UA)).isTrue();
        assertThat(detection("sel:\n  eventName: ListBucket\ncondition: sel").test(UA)).isFalse();
    }

    @Test
    void wildcardsAndTheirEscapes() {
        assertThat(detection("sel:\n  userAgent: 's3 browser/*'\ncondition: sel").test(UA)).isTrue();
        assertThat(detection("sel:\n  eventName: 'List?uckets'\ncondition: sel").test(UA)).isTrue();
        assertThat(detection("sel:\n  eventName: 'List?ckets'\ncondition: sel").test(UA)).isFalse();
        CloudTrailEvent star = event("s3.amazonaws.com", "a*b", "");
        assertThat(detection("sel:\n  eventName: 'a\\*b'\ncondition: sel").test(star)).isTrue();
        assertThat(detection("sel:\n  eventName: 'a\\*b'\ncondition: sel")
                .test(event("s3.amazonaws.com", "axb", ""))).isFalse();
        CloudTrailEvent backslash = event("s3.amazonaws.com", "x", "\"userAgent\":\"C:\\\\tools\\\\\"");
        assertThat(detection("sel:\n  userAgent|endswith: 'tools\\'\ncondition: sel").test(backslash)).isTrue();
    }

    @Test
    void containsStartswithEndswith() {
        assertThat(detection("sel:\n  userAgent|contains: 'S3 BROWSER'\ncondition: sel").test(UA)).isTrue();
        assertThat(detection("sel:\n  userAgent|contains|cased: 'S3 BROWSER'\ncondition: sel").test(UA)).isFalse();
        assertThat(detection("sel:\n  userAgent|startswith: 's3 browser/11'\ncondition: sel").test(UA)).isTrue();
        assertThat(detection("sel:\n  userAgent|startswith: 'browser'\ncondition: sel").test(UA)).isFalse();
        assertThat(detection("sel:\n  userAgent|endswith: 'S3BROWSER.COM'\ncondition: sel").test(UA)).isTrue();
        assertThat(detection("sel:\n  userAgent|endswith: 's3browser'\ncondition: sel").test(UA)).isFalse();
        assertThat(detection("sel:\n  userAgent|contains: 'Bro*r/1'\ncondition: sel").test(UA)).isTrue();
    }

    @Test
    void aListIsAnyOfItsValuesAndAllMakesItEvery() {
        String any = "sel:\n  userAgent|contains:\n    - 'S3 Browser'\n    - 'TruffleHog'\ncondition: sel";
        String all = "sel:\n  userAgent|contains|all:\n    - 'S3 Browser'\n    - 'TruffleHog'\ncondition: sel";
        String allPresent = "sel:\n  userAgent|contains|all:\n    - 'S3 Browser'\n    - 's3browser.com'\ncondition: sel";
        assertThat(detection(any).test(UA)).isTrue();
        assertThat(detection(all).test(UA)).isFalse();
        assertThat(detection(allPresent).test(UA)).isTrue();
    }

    @Test
    void reIsAnUnanchoredCaseSensitiveSearchWithFlags() {
        assertThat(detection("sel:\n  userAgent|re: 'Browser/1[0-9]'\ncondition: sel").test(UA)).isTrue();
        assertThat(detection("sel:\n  userAgent|re: 'browser/1[0-9]'\ncondition: sel").test(UA)).isFalse();
        assertThat(detection("sel:\n  userAgent|re|i: 'browser/1[0-9]'\ncondition: sel").test(UA)).isTrue();
        assertThat(detection("sel:\n  userAgent|re|ignorecase: 'browser/1[0-9]'\ncondition: sel").test(UA)).isTrue();
        CloudTrailEvent lines = event("s3.amazonaws.com", "x", "\"userAgent\":\"first\\nsecond\"");
        assertThat(detection("sel:\n  userAgent|re: '^second'\ncondition: sel").test(lines)).isFalse();
        assertThat(detection("sel:\n  userAgent|re|m: '^second'\ncondition: sel").test(lines)).isTrue();
        assertThat(detection("sel:\n  userAgent|re: 'first.second'\ncondition: sel").test(lines)).isFalse();
        assertThat(detection("sel:\n  userAgent|re|s: 'first.second'\ncondition: sel").test(lines)).isTrue();
    }

    @Test
    void badRegexAndRegexFlagWithoutReAreLoadErrors() {
        LoadResult bad = load(rule("sel:\n  userAgent|re: 'a(b'\ncondition: sel"));
        assertThat(bad.rules()).isEmpty();
        assertThat(bad.errors()).singleElement().satisfies(p -> assertThat(p.code()).isEqualTo("SIGMA_BAD_REGEX"));
        assertThat(load(rule("sel:\n  userAgent|i: 'a'\ncondition: sel")).errors())
                .singleElement().satisfies(p -> assertThat(p.code()).isEqualTo("SIGMA_BAD_MODIFIER"));
    }

    @Test
    void cidrMatchesAddressLiteralsOnly() {
        assertThat(detection("sel:\n  sourceIPAddress|cidr: 10.0.0.0/8\ncondition: sel").test(UA)).isTrue();
        assertThat(detection("sel:\n  sourceIPAddress|cidr:\n    - 192.168.0.0/16\n    - 172.16.0.0/12\ncondition: sel")
                .test(UA)).isFalse();
        CloudTrailEvent service = event("s3.amazonaws.com", "x", "\"sourceIPAddress\":\"ec2.amazonaws.com\"");
        assertThat(detection("sel:\n  sourceIPAddress|cidr: 0.0.0.0/0\ncondition: sel").test(service)).isFalse();
        assertThat(load(rule("sel:\n  sourceIPAddress|cidr: 10.0.0.0/99\ncondition: sel")).errors()).hasSize(1);
    }

    @Test
    void existsTestsPresence() {
        assertThat(detection("sel:\n  userAgent|exists: true\ncondition: sel").test(UA)).isTrue();
        assertThat(detection("sel:\n  errorCode|exists: true\ncondition: sel").test(UA)).isFalse();
        assertThat(detection("sel:\n  errorCode|exists: false\ncondition: sel").test(UA)).isTrue();
        assertThat(load(rule("sel:\n  errorCode|exists: maybe\ncondition: sel")).errors()).hasSize(1);
    }

    @Test
    void numericComparisons() {
        CloudTrailEvent e = event("ec2.amazonaws.com", "RunInstances",
                "\"requestParameters\":{\"instancesSet\":{\"items\":[{\"minCount\":5}]}}");
        String f = "requestParameters.instancesSet.items.minCount";
        assertThat(detection("sel:\n  " + f + "|gt: 4\ncondition: sel").test(e)).isTrue();
        assertThat(detection("sel:\n  " + f + "|gt: 5\ncondition: sel").test(e)).isFalse();
        assertThat(detection("sel:\n  " + f + "|gte: 5\ncondition: sel").test(e)).isTrue();
        assertThat(detection("sel:\n  " + f + "|lt: 5\ncondition: sel").test(e)).isFalse();
        assertThat(detection("sel:\n  " + f + "|lte: 5\ncondition: sel").test(e)).isTrue();
        assertThat(detection("sel:\n  " + f + ": 5\ncondition: sel").test(e)).isTrue();
        assertThat(detection("sel:\n  eventName|gt: 1\ncondition: sel").test(e)).isFalse();
        assertThat(load(rule("sel:\n  " + f + "|gt: many\ncondition: sel")).errors()).hasSize(1);
    }

    @Test
    void base64AndBase64offsetSearchTheEncodedText() {
        String plain = "curl http://169.254.169.254/latest/meta-data";
        String encoded = Base64.getEncoder().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
        String shifted = Base64.getEncoder().encodeToString(("xy" + plain).getBytes(StandardCharsets.UTF_8));
        CloudTrailEvent exact = event("ec2.amazonaws.com", "ModifyInstanceAttribute",
                "\"requestParameters\":{\"userData\":\"" + encoded + "\"}");
        CloudTrailEvent offset = event("ec2.amazonaws.com", "ModifyInstanceAttribute",
                "\"requestParameters\":{\"userData\":\"" + shifted + "\"}");
        assertThat(detection("sel:\n  requestParameters.userData|base64: '" + plain + "'\ncondition: sel").test(exact))
                .isTrue();
        assertThat(detection("sel:\n  requestParameters.userData|base64: '" + plain + "'\ncondition: sel").test(offset))
                .isFalse();
        String off = "sel:\n  requestParameters.userData|base64offset|contains: '169.254.169.254'\ncondition: sel";
        assertThat(detection(off).test(exact)).isTrue();
        assertThat(detection(off).test(offset)).isTrue();
        assertThat(detection(off).test(UA)).isFalse();
        String wide = Base64.getEncoder().encodeToString("abc".getBytes(StandardCharsets.UTF_16LE));
        CloudTrailEvent w = event("x", "y", "\"requestParameters\":{\"userData\":\"" + wide + "\"}");
        assertThat(detection("sel:\n  requestParameters.userData|wide|base64: abc\ncondition: sel").test(w)).isTrue();
        assertThat(detection("sel:\n  requestParameters.userData|base64: abc\ncondition: sel").test(w)).isFalse();
        String be = Base64.getEncoder().encodeToString("abc".getBytes(StandardCharsets.UTF_16BE));
        assertThat(detection("sel:\n  requestParameters.userData|utf16be|base64: abc\ncondition: sel")
                .test(event("x", "y", "\"requestParameters\":{\"userData\":\"" + be + "\"}"))).isTrue();
        byte[] bom = {(byte) 0xFF, (byte) 0xFE, 'a', 0, 'b', 0, 'c', 0};
        String withBom = Base64.getEncoder().encodeToString(bom);
        assertThat(detection("sel:\n  requestParameters.userData|utf16|base64: abc\ncondition: sel")
                .test(event("x", "y", "\"requestParameters\":{\"userData\":\"" + withBom + "\"}"))).isTrue();
        assertThat(load(rule("sel:\n  requestParameters.userData|base64: 'a*'\ncondition: sel")).errors())
                .singleElement().satisfies(e -> assertThat(e.code()).isEqualTo("SIGMA_BAD_VALUE"));
    }

    @Test
    void fieldrefComparesTwoFieldsOfTheEvent() {
        CloudTrailEvent self = event("iam.amazonaws.com", "CreateAccessKey",
                "\"requestParameters\":{\"userName\":\"ALICE\"}");
        CloudTrailEvent other = event("iam.amazonaws.com", "CreateAccessKey",
                "\"requestParameters\":{\"userName\":\"bob\"}");
        String eq = "sel:\n  userIdentity.userName|fieldref: requestParameters.userName\ncondition: sel";
        assertThat(detection(eq).test(self)).isTrue();
        assertThat(detection(eq).test(other)).isFalse();
        assertThat(detection("sel:\n  userIdentity.userName|fieldref|cased: requestParameters.userName\ncondition: sel")
                .test(self)).isFalse();
        String ends = "sel:\n  userIdentity.arn|fieldref|endswith: requestParameters.userName\ncondition: sel";
        assertThat(detection(ends).test(self)).isTrue();
        assertThat(detection(ends).test(other)).isFalse();
    }

    @Test
    void expandUsesConfiguredPlaceholdersAndFailsClearlyWithout() {
        String d = "sel:\n  sourceIPAddress|expand: '%office_ips%'\ncondition: sel";
        Predicate p = detection(d, Map.of("office_ips", List.of("192.0.2.1", "10.1.2.3")));
        assertThat(p.test(UA)).isTrue();
        assertThat(detection(d, Map.of("office_ips", List.of("192.0.2.1"))).test(UA)).isFalse();
        LoadResult r = load(rule(d));
        assertThat(r.rules()).isEmpty();
        assertThat(r.errors()).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo("SIGMA_PLACEHOLDER_NOT_CONFIGURED");
            assertThat(e.message()).contains("%office_ips%");
        });
    }

    @Test
    void windashExpandsOptionDashes() {
        CloudTrailEvent slash = event("ssm.amazonaws.com", "SendCommand",
                "\"requestParameters\":{\"commands\":[\"net user /add bob\"]}");
        assertThat(detection("sel:\n  requestParameters.commands|windash|contains: ' -add '\ncondition: sel")
                .test(slash)).isTrue();
        assertThat(detection("sel:\n  requestParameters.commands|contains: ' -add '\ncondition: sel")
                .test(slash)).isFalse();
    }

    @Test
    void unknownModifierIsALoadErrorNamingFileLineAndRule() {
        LoadResult r = load(rule("sel:\n  eventName: x\n  userAgent|containz: TruffleHog\ncondition: sel"));
        assertThat(r.rules()).isEmpty();
        LoadProblem p = r.errors().get(0);
        assertThat(p.code()).isEqualTo("SIGMA_UNKNOWN_MODIFIER");
        assertThat(p.file()).isEqualTo("test.yml");
        assertThat(p.line()).isEqualTo(10);
        assertThat(p.rule()).isEqualTo("Test rule");
        assertThat(p.toString()).startsWith("test.yml:10: error: rule 'Test rule': unknown modifier 'containz'");
    }

    @Test
    void nullMeansMissingOrNullAndEmptyStringMeansEmpty() {
        String d = "sel:\n  errorCode: null\ncondition: sel";
        assertThat(detection(d).test(UA)).isTrue();
        assertThat(detection(d).test(event("x", "y", "\"errorCode\":null"))).isTrue();
        assertThat(detection(d).test(event("x", "y", "\"errorCode\":\"AccessDenied\""))).isFalse();
        String empty = "sel:\n  errorMessage: ''\ncondition: sel";
        assertThat(detection(empty).test(event("x", "y", "\"errorMessage\":\"\""))).isTrue();
        assertThat(detection(empty).test(UA)).isFalse();
        assertThat(detection(empty).test(event("x", "y", "\"errorMessage\":\"no\""))).isFalse();
        String either = "sel:\n  errorCode:\n    - null\n    - Success\ncondition: sel";
        assertThat(detection(either).test(event("x", "y", "\"errorCode\":\"success\""))).isTrue();
        assertThat(detection(either).test(UA)).isTrue();
        assertThat(detection(either).test(event("x", "y", "\"errorCode\":\"AccessDenied\""))).isFalse();
    }

    @Test
    void stringsMatchJsonBooleansAndNumbersByTheirText() {
        CloudTrailEvent e = event("guardduty.amazonaws.com", "UpdateDetector",
                "\"requestParameters\":{\"enable\":false,\"findingPublishingFrequency\":6}");
        assertThat(detection("sel:\n  requestParameters.enable: 'false'\ncondition: sel").test(e)).isTrue();
        assertThat(detection("sel:\n  requestParameters.enable: false\ncondition: sel").test(e)).isTrue();
        assertThat(detection("sel:\n  requestParameters.enable: 'FALSE'\ncondition: sel").test(e)).isTrue();
        assertThat(detection("sel:\n  requestParameters.enable: 'true'\ncondition: sel").test(e)).isFalse();
        assertThat(detection("sel:\n  requestParameters.findingPublishingFrequency: 6\ncondition: sel").test(e)).isTrue();
        assertThat(detection("sel:\n  requestParameters.findingPublishingFrequency: '6'\ncondition: sel").test(e))
                .isTrue();
    }

    @Test
    void containsOnAWholeObjectSearchesItsJsonTextAndTheStringsInside() {
        CloudTrailEvent versioning = event("s3.amazonaws.com", "PutBucketVersioning",
                "\"requestParameters\":{\"bucketName\":\"b\",\"VersioningConfiguration\":{\"Status\":\"Suspended\"}}");
        assertThat(detection("sel:\n  requestParameters|contains: 'suspended'\ncondition: sel").test(versioning))
                .isTrue();
        assertThat(detection("sel:\n  requestParameters|contains: '\"Status\":\"Suspended\"'\ncondition: sel")
                .test(versioning)).isTrue();
        assertThat(detection("sel:\n  requestParameters|contains: 'Enabled'\ncondition: sel").test(versioning))
                .isFalse();
        // CloudTrail keeps an IAM policy as JSON inside a string: its quotes are escaped in the record's text.
        CloudTrailEvent policy = event("iam.amazonaws.com", "PutUserPolicy",
                "\"requestParameters\":{\"userName\":\"u\",\"policyDocument\":"
                        + "\"{\\\"Statement\\\":[{\\\"Effect\\\":\\\"Allow\\\",\\\"Action\\\":\\\"s3:GetObject\\\"}]}\"}");
        assertThat(detection("sel:\n  requestParameters|contains|all:\n    - '\"s3:GetObject\"'\n    - '\"Allow\"'\n"
                + "condition: sel").test(policy)).isTrue();
        // Only strings that hold a JSON document are added: equality on the object still means its whole text.
        assertThat(detection("sel:\n  requestParameters: 'u'\ncondition: sel").test(policy)).isFalse();
        assertThat(detection("sel:\n  requestParameters.VersioningConfiguration: '{\"Status\":\"Suspended\"}'\n"
                + "condition: sel").test(versioning)).isTrue();
    }

    @Test
    void dottedPathsFanOutOverArrays() {
        CloudTrailEvent task = event("ecs.amazonaws.com", "RegisterTaskDefinition",
                "\"requestParameters\":{\"containerDefinitions\":[{\"name\":\"a\",\"command\":[\"sleep\",\"60\"]},"
                        + "{\"name\":\"b\",\"command\":[\"sh\",\"-c\",\"curl 169.254.170.2$AWS_CONTAINER_CREDENTIALS_RELATIVE_URI\"]}]}");
        assertThat(detection("sel:\n  requestParameters.containerDefinitions.command|contains: "
                + "'$AWS_CONTAINER_CREDENTIALS_RELATIVE_URI'\ncondition: sel").test(task)).isTrue();
        assertThat(detection("sel:\n  requestParameters.containerDefinitions.name: b\ncondition: sel").test(task))
                .isTrue();
        assertThat(detection("sel:\n  requestParameters.containerDefinitions.name: c\ncondition: sel").test(task))
                .isFalse();
    }

    @Test
    void containsStarMeansPresentWithAnyValueTheEmptyOneIncluded() {
        String d = "sel:\n  errorMessage|contains: '*'\ncondition: sel";
        assertThat(detection(d).test(event("x", "y", "\"errorMessage\":\"boom\""))).isTrue();
        assertThat(detection(d).test(event("x", "y", "\"errorMessage\":\"\""))).isTrue();
        assertThat(detection(d).test(UA)).isFalse();
        CloudTrailEvent layers = event("lambda.amazonaws.com", "UpdateFunctionConfiguration20150331v2",
                "\"requestParameters\":{\"layers\":[\"arn:aws:lambda:us-east-1:111122223333:layer:x:1\"]}");
        assertThat(detection("sel:\n  requestParameters.layers|contains: '*'\ncondition: sel").test(layers)).isTrue();
        assertThat(detection("sel:\n  requestParameters.layers|contains: '*'\ncondition: sel").test(UA)).isFalse();
    }

    @Test
    void keywordsAreSearchedInEveryValueOfTheRecord() {
        String d = "keywords:\n  - 'trufflehog'\n  - 'kali'\ncondition: keywords";
        assertThat(detection(d).test(event("x", "y", "\"userAgent\":\"TruffleHog/3.0\""))).isTrue();
        assertThat(detection(d).test(event("x", "y", "\"requestParameters\":{\"n\":[\"a-kali-b\"]}"))).isTrue();
        assertThat(detection(d).test(UA)).isFalse();
    }
}
