package io.trailhound.core.identity;

import static io.trailhound.core.testkit.Identities.roleArn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.testkit.CloudTrailRecord;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustPoliciesTest {
    private static final String A = "111111111111", B = "222222222222";

    @TempDir
    Path tmp;

    private static String trust(String condition) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::" + A
                + ":root\"},\"Action\":\"sts:AssumeRole\"" + (condition == null ? "" : ",\"Condition\":" + condition) + "}]}";
    }

    private Path details(String pinnedDoc, String openDoc, boolean urlEncoded) throws IOException {
        String pinned = urlEncoded ? "\"" + URLEncoder.encode(pinnedDoc, StandardCharsets.UTF_8) + "\"" : pinnedDoc;
        String json = "{\"UserDetailList\":[],\"RoleDetailList\":["
                + "{\"RoleName\":\"Pinned\",\"Arn\":\"" + roleArn(B, "Pinned") + "\",\"AssumeRolePolicyDocument\":" + pinned + "},"
                + "{\"RoleName\":\"Open\",\"Arn\":\"" + roleArn(B, "Open") + "\",\"AssumeRolePolicyDocument\":" + openDoc + "}]}";
        Path f = tmp.resolve("authorization-details.json");
        Files.writeString(f, json);
        return f;
    }

    @Test
    void pinnedSessionNameAssertsTheUserWhenTheIssuanceIsMissing() throws IOException {
        TrustPolicies t = TrustPolicies.read(List.of(details(trust("{\"StringLike\":{\"sts:RoleSessionName\":\"${aws:username}\"}}"),
                trust(null), false)));
        assertThat(t.pinnedRoles()).isEqualTo(1);
        CloudTrailEvent pinned = CloudTrailRecord.event("ListBuckets").source("s3.amazonaws.com").account(B)
                .assumedRole("Pinned", "alice", "ASIAMISSING000000001", "2026-11-01T08:00:00Z").decoded();
        CloudTrailEvent open = CloudTrailRecord.event("ListBuckets").source("s3.amazonaws.com").account(B)
                .assumedRole("Open", "alice", "ASIAMISSING000000002", "2026-11-01T08:00:00Z").decoded();
        Map<String, Attribution> got = new HashMap<>();
        Attributor a = new Attributor((e, at) -> got.put(e.eventID(), at), new CredentialLedger(), t);
        a.accept(pinned);
        a.accept(open);
        a.finish();
        Attribution p = got.get(pinned.eventID());
        assertThat(p.confidence()).isEqualTo(Confidence.ASSERTED);
        assertThat(p.origin().arn()).isEqualTo("arn:aws:iam::" + A + ":user/alice");
        assertThat(p.reason()).contains("pins sts:RoleSessionName");
        assertThat(got.get(open.eventID()).confidence()).isEqualTo(Confidence.INFERRED);
    }

    @Test
    void urlEncodedDocumentsAsTheRawApiReturnsThem() throws IOException {
        TrustPolicies t = TrustPolicies.read(List.of(details(trust("{\"StringEquals\":{\"sts:RoleSessionName\":\"${aws:username}\"}}"),
                trust("{\"StringEquals\":{\"sts:RoleSessionName\":\"fixed\"}}"), true)));
        assertThat(t.pinsSessionName(roleArn(B, "Pinned"))).isTrue();
        assertThat(t.pinsSessionName(roleArn(B, "Open"))).isFalse();
    }

    @Test
    void notAuthorizationDetailsIsAClearError() throws IOException {
        Path f = tmp.resolve("x.json");
        Files.writeString(f, "{\"Users\":[]}");
        assertThatThrownBy(() -> TrustPolicies.read(List.of(f))).hasMessageContaining("RoleDetailList").hasMessageContaining(f.toString());
    }
}
