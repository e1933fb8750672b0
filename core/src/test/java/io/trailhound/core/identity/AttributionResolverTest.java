package io.trailhound.core.identity;

import static io.trailhound.core.testkit.CloudTrailRecord.assumeRole;
import static io.trailhound.core.testkit.CloudTrailRecord.decode;
import static io.trailhound.core.testkit.CloudTrailRecord.event;
import static io.trailhound.core.testkit.Identities.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.testkit.CloudTrailRecord;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AttributionResolverTest {
    private static final String A = "111111111111", B = "222222222222", C = "333333333333";

    /** Runs records through an Attributor in the given order; returns eventID → attribution once all are read. */
    private static Map<String, Attribution> run(List<ObjectNode> records) {
        Map<String, Attribution> out = new HashMap<>();
        List<CloudTrailEvent> events = new ArrayList<>();
        Attributor a = new Attributor();
        records.forEach(r -> {
            CloudTrailEvent e = decode(r);
            events.add(e);
            a.accept(e);
        });
        a.finish();
        events.forEach(e -> out.put(e.eventID(), a.answer(e)));
        return out;
    }

    private static String id(ObjectNode r) {
        return r.get("eventID").asText();
    }

    /** alice (IAM user in A) → role Ops in B → role Admin in C → action in C; each cross-account hop recorded twice. */
    private static List<ObjectNode> threeHopChain() {
        List<ObjectNode> r = new ArrayList<>();
        ObjectNode alice = iamUser(A, "alice", "AKIAALICE00000000001");
        ObjectNode hop1 = assumeRole(B, "Ops", "alice", "ASIAOPS0000000000001", 3600).at("2026-11-01T09:00:00Z").by(alice)
                .account(A).set("/sharedEventID", "shared-1").node();
        ObjectNode hop1Owner = hop1.deepCopy();
        hop1Owner.put("eventID", "00000000-0000-4000-9000-000000000001").put("recipientAccountId", B);
        hop1Owner.set("userIdentity", of("AWSAccount").put("principalId", "AIDAALICE").put("accountId", A));
        ObjectNode ops = assumedRole(B, "Ops", "alice", "ASIAOPS0000000000001", "2026-11-01T09:00:00Z");
        ObjectNode hop2 = assumeRole(C, "Admin", "ops-admin", "ASIAADMIN00000000001", 3600).at("2026-11-01T09:10:00Z").by(ops)
                .account(B).node();
        ObjectNode action = event("CreateUser").source("iam.amazonaws.com").at("2026-11-01T09:20:00Z").account(C)
                .assumedRole("Admin", "ops-admin", "ASIAADMIN00000000001", "2026-11-01T09:10:00Z").node();
        r.add(hop1);
        r.add(hop1Owner);
        r.add(hop2);
        r.add(action);
        return r;
    }

    @Test
    void threeHopCrossAccountChainResolvesExactlyToTheUser() {
        List<ObjectNode> records = threeHopChain();
        Attribution a = run(records).get(id(records.get(3)));
        assertThat(a.confidence()).isEqualTo(Confidence.EXACT);
        assertThat(a.origin().type()).isEqualTo("IAMUser");
        assertThat(a.origin().arn()).isEqualTo("arn:aws:iam::" + A + ":user/alice");
        assertThat(a.chain()).extracting(Hop::accessKeyId).containsExactly("ASIAADMIN00000000001", "ASIAOPS0000000000001");
        assertThat(a.chain()).extracting(Hop::eventID).containsExactly(id(records.get(2)), id(records.get(0)));
        assertThat(a.anomalies()).isEmpty();
    }

    @Test
    void anyOrderOfRecordsGivesTheSameAnswer() {
        List<ObjectNode> records = threeHopChain();
        Attribution expected = run(records).get(id(records.get(3)));
        Random rnd = new Random(5);
        for (int i = 0; i < 24; i++) {
            List<ObjectNode> shuffled = new ArrayList<>(records);
            Collections.shuffle(shuffled, rnd);
            assertThat(run(shuffled).get(id(records.get(3)))).isEqualTo(expected);
        }
    }

    @Test
    void onlyTheRoleOwnersCopyNamesTheCallingAccount() {
        List<ObjectNode> records = threeHopChain();
        records.remove(0); // the caller's copy was not ingested
        Attribution a = run(records).get(id(records.get(2)));
        assertThat(a.origin().type()).isEqualTo("AWSAccount");
        assertThat(a.origin().account()).isEqualTo(A);
        assertThat(a.origin().name()).isEqualTo("AIDAALICE");
        assertThat(a.reason()).contains("role owner's copy");
    }

    private static CloudTrailRecord describeInstancesIn(String account) {
        return event("DescribeInstances").source("ec2.amazonaws.com").account(account);
    }

    @Test
    void issuanceOutsideTheLogsIsUnknownOrLabelledWithItsEvidence() {
        String created = "2026-11-01T08:00:00Z";
        List<ObjectNode> records = List.of(
                describeInstancesIn(C).assumedRole("Admin", "i-0123456789abcdef0", "ASIAGONE000000000001", created).node(),
                describeInstancesIn(C).assumedRole("Admin", "bob", "ASIAGONE000000000002", created).node(),
                describeInstancesIn(C).assumedRole("Admin", "x", "ASIAGONE000000000003", created)
                        .set("/userIdentity/sessionContext/sourceIdentity", "carol").node());
        Map<String, Attribution> got = run(records);
        Attribution instance = got.get(id(records.get(0)));
        assertThat(instance.confidence()).isEqualTo(Confidence.UNKNOWN);
        assertThat(instance.reason()).contains("instance-profile credentials of i-0123456789abcdef0");
        Attribution inferred = got.get(id(records.get(1)));
        assertThat(inferred.confidence()).isEqualTo(Confidence.INFERRED);
        assertThat(inferred.origin()).isEqualTo(new Origin("SessionName", null, "bob", null, null));
        assertThat(inferred.reason()).contains("no issuance of key ASIAGONE000000000002");
        Attribution asserted = got.get(id(records.get(2)));
        assertThat(asserted.confidence()).isEqualTo(Confidence.ASSERTED);
        assertThat(asserted.origin()).isEqualTo(new Origin("SourceIdentity", null, "carol", null, null));
    }

    @Test
    void keyUsedAfterItExpiredIsReportedNotSilentlyAttributed() {
        ObjectNode issue = assumeRole(A, "Ops", "alice", "ASIAOPS0000000000009", 900).at("2026-11-01T09:00:00Z").account(A)
                .iamUser("alice", "AKIAALICE00000000001").node();
        ObjectNode late = event("ListBuckets").source("s3.amazonaws.com").at("2026-11-01T10:00:00Z").account(A)
                .assumedRole("Ops", "alice", "ASIAOPS0000000000009", "2026-11-01T09:00:00Z").node();
        Attribution a = run(List.of(issue, late)).get(id(late));
        assertThat(a.anomalies()).singleElement().asString().contains("after it expired at 2026-11-01T09:15:00Z");
        assertThat(a.origin().arn()).isEqualTo("arn:aws:iam::" + A + ":user/alice");
    }

    @Test
    void samlAndWebIdentitySubjectsAndIdentityCenter() {
        ObjectNode samlCaller = of("SAMLUser").put("principalId", "idp:dave@example.com")
                .put("userName", "dave@example.com").put("identityProvider", "idp");
        ObjectNode saml = assumeRole(A, "SAML-Admin", "dave@example.com", "ASIASAML000000000001", 3600).account(A).by(samlCaller)
                .set("/eventName", "AssumeRoleWithSAML").request("principalArn", "arn:aws:iam::" + A + ":saml-provider/Okta")
                .response("subject", "dave@example.com").node();
        ObjectNode useSaml = event("ListBuckets").source("s3.amazonaws.com").at("2026-11-01T09:05:00Z").account(A)
                .assumedRole("SAML-Admin", "dave@example.com", "ASIASAML000000000001", "2026-11-01T09:00:00Z").node();

        ObjectNode webCaller = of("WebIdentityUser").put("userName", "repo:org/app:ref:refs/heads/main")
                .put("identityProvider", "token.actions.githubusercontent.com");
        ObjectNode web = assumeRole(A, "deploy", "GitHubActions", "ASIAWEB0000000000001", 3600).account(A).by(webCaller)
                .set("/eventName", "AssumeRoleWithWebIdentity")
                .response("subjectFromWebIdentityToken", "repo:org/app:ref:refs/heads/main")
                .response("provider", "arn:aws:iam::" + A + ":oidc-provider/token.actions.githubusercontent.com").node();
        ObjectNode useWeb = event("PutObject").source("s3.amazonaws.com").at("2026-11-01T09:05:00Z").account(A)
                .assumedRole("deploy", "GitHubActions", "ASIAWEB0000000000001", "2026-11-01T09:00:00Z").node();

        ObjectNode idc = assumeRole(A, "AWSReservedSSO_Admin_0123456789abcdef", "erin@example.com", "ASIAIDC0000000000001", 3600)
                .account(A).by(samlCaller.deepCopy().put("userName", "erin@example.com"))
                .set("/eventName", "AssumeRoleWithSAML")
                .request("principalArn", "arn:aws:iam::" + A + ":saml-provider/AWSSSO_abc_DO_NOT_DELETE")
                .response("subject", "erin@example.com").node();
        // a console session: its key is not the issued one, so it links by session ARN and start
        ObjectNode useIdc = event("RunInstances").source("ec2.amazonaws.com").at("2026-11-01T09:05:00Z").account(A)
                .assumedRole("AWSReservedSSO_Admin_0123456789abcdef", "erin@example.com", "ASIACONSOLE000000001", "2026-11-01T09:00:00Z")
                .set("/sessionCredentialFromConsole", "true").node();

        Map<String, Attribution> got = run(List.of(saml, useSaml, web, useWeb, idc, useIdc));
        assertThat(got.get(id(useSaml)).origin()).isEqualTo(new Origin("SAMLUser", null, "dave@example.com",
                "arn:aws:iam::" + A + ":saml-provider/Okta", null));
        assertThat(got.get(id(useSaml)).confidence()).isEqualTo(Confidence.EXACT);
        assertThat(got.get(id(useWeb)).origin().type()).isEqualTo("WebIdentityUser");
        assertThat(got.get(id(useWeb)).origin().name()).isEqualTo("repo:org/app:ref:refs/heads/main");
        Attribution console = got.get(id(useIdc));
        assertThat(console.origin().type()).isEqualTo("IdentityCenterUser");
        assertThat(console.origin().name()).isEqualTo("erin@example.com");
        assertThat(console.confidence()).isEqualTo(Confidence.ASSERTED);
        assertThat(console.chain()).singleElement().extracting(Hop::linkedBy).isEqualTo("session");
    }

    @Test
    void getSessionTokenAndFederationTokenAndAssumeRoot() {
        // GetSessionToken's expiration is 36 hours on; GetFederationToken's is written without the comma after the year
        ObjectNode gst = event("GetSessionToken").source("sts.amazonaws.com").account(A).iamUser("bob", "AKIABOB0000000000001")
                .issues("ASIAGST0000000000001", 36 * 3600).node();
        ObjectNode useGst = event("DescribeInstances").source("ec2.amazonaws.com").at("2026-11-01T10:00:00Z").account(A)
                .iamUser("bob", "ASIAGST0000000000001").node();

        ObjectNode gft = event("GetFederationToken").source("sts.amazonaws.com").account(A).iamUser("bob", "AKIABOB0000000000001")
                .request("name", "sync")
                .set("/responseElements/credentials/accessKeyId", "ASIAGFT0000000000001")
                .set("/responseElements/credentials/expiration", "Nov 1, 2026 9:00:00 PM")
                .set("/responseElements/federatedUser/federatedUserId", A + ":sync")
                .set("/responseElements/federatedUser/arn", "arn:aws:sts::" + A + ":federated-user/sync").node();
        ObjectNode fed = of("FederatedUser").put("principalId", A + ":sync")
                .put("arn", "arn:aws:sts::" + A + ":federated-user/sync").put("accountId", A).put("accessKeyId", "ASIAGFT0000000000001");
        ObjectNode useGft = event("GetObject").source("s3.amazonaws.com").at("2026-11-01T09:30:00Z").account(A).by(fed).node();

        ObjectNode toOrgAdmin = assumeRole(A, "OrgAdmin", "frank", "ASIAORG0000000000001", 3600).at("2026-11-01T08:59:00Z")
                .account(A).iamUser("frank", "AKIAFRANK00000000001").node();
        ObjectNode root = event("AssumeRoot").source("sts.amazonaws.com").account(A)
                .assumedRole("OrgAdmin", "frank", "ASIAORG0000000000001", "2026-11-01T08:59:00Z")
                .request("targetPrincipal", B)
                .set("/requestParameters/taskPolicyArn/arn", "arn:aws:iam::aws:policy/root-task/S3UnlockBucketPolicy")
                .issues("ASIAROOT000000000001", 900).node();
        ObjectNode rootIdentity = root(B).put("accessKeyId", "ASIAROOT000000000001");
        rootIdentity.putObject("sessionContext").put("assumedRoot", "true").putObject("attributes")
                .put("creationDate", "2026-11-01T09:00:00Z");
        rootIdentity.putObject("inScopeOf").put("issuerType", "AWS::STS::AssumeRoot").put("credentialsIssuedTo", "arn:aws:iam::" + B + ":root");
        ObjectNode useRoot = event("DeleteBucketPolicy").source("s3.amazonaws.com").at("2026-11-01T09:05:00Z").account(B)
                .by(rootIdentity).node();

        Map<String, Attribution> got = run(List.of(useGst, gst, useGft, gft, useRoot, root, toOrgAdmin));
        Attribution g = got.get(id(useGst));
        assertThat(g.origin().arn()).isEqualTo("arn:aws:iam::" + A + ":user/bob");
        assertThat(g.chain()).singleElement().extracting(Hop::eventName).isEqualTo("GetSessionToken");
        Attribution f = got.get(id(useGft));
        assertThat(f.origin().arn()).isEqualTo("arn:aws:iam::" + A + ":user/bob");
        assertThat(f.confidence()).isEqualTo(Confidence.EXACT);
        Attribution r = got.get(id(useRoot));
        assertThat(r.origin().arn()).isEqualTo("arn:aws:iam::" + A + ":user/frank");
        assertThat(r.chain()).extracting(Hop::eventName).containsExactly("AssumeRoot", "AssumeRole");
        CloudTrailEvent decoded = decode(useRoot);
        assertThat(decoded.userIdentity().inScopeOf().issuerType()).isEqualTo("AWS::STS::AssumeRoot");
    }

    /** The console's SwitchRole at 09:00 by {@code user} of {@code userAccount} into {@code role}: a session without a key. */
    private static ObjectNode switchRole(String account, String role, String user, String userAccount) {
        return event("SwitchRole").source("signin.amazonaws.com").account(account)
                .assumedRole(role, user, null, "2026-11-01T09:00:00Z")
                .set("/additionalEventData/SwitchFrom", userArn(userAccount, user)).node();
    }

    @Test
    void consoleSwitchRoleLinksToTheSourceUser() {
        ObjectNode switchRole = switchRole(B, "Admin", "grace", A);
        ObjectNode consoleCall = event("CreateUser").source("iam.amazonaws.com").at("2026-11-01T09:02:00Z").account(B)
                .assumedRole("Admin", "grace", "ASIACONSOLE000000009", "2026-11-01T09:00:00Z")
                .set("/sessionCredentialFromConsole", "true").node();
        Attribution a = run(List.of(consoleCall, switchRole)).get(id(consoleCall));
        assertThat(a.origin().arn()).isEqualTo("arn:aws:iam::" + A + ":user/grace");
        assertThat(a.confidence()).isEqualTo(Confidence.ASSERTED);
        assertThat(a.chain()).singleElement().extracting(Hop::linkedBy).isEqualTo("switch-role");
    }

    @Test
    void switchRoleNearbyInTimeIsOnlyInferred() {
        ObjectNode switchRole = switchRole(B, "Admin", "hank", A);
        // the console session's start is recorded 40 s later than the switch: no exact session match
        ObjectNode consoleCall = event("ListUsers").source("iam.amazonaws.com").at("2026-11-01T09:05:00Z").account(B)
                .assumedRole("Admin", "hank", "ASIACONSOLE000000010", "2026-11-01T09:00:40Z").node();
        ObjectNode muchLater = event("ListUsers").source("iam.amazonaws.com").at("2026-11-01T12:05:00Z").account(B)
                .assumedRole("Admin", "hank", "ASIACONSOLE000000011", "2026-11-01T12:00:00Z").node();
        Map<String, Attribution> got = run(List.of(consoleCall, switchRole, muchLater));
        Attribution near = got.get(id(consoleCall));
        assertThat(near.confidence()).isEqualTo(Confidence.INFERRED);
        assertThat(near.origin().arn()).isEqualTo("arn:aws:iam::" + A + ":user/hank");
        assertThat(near.reason()).contains("40 s from this session's start");
        assertThat(near.chain()).singleElement().extracting(Hop::linkedBy).isEqualTo("switch-role-nearby");
        Attribution far = got.get(id(muchLater));
        assertThat(far.origin().type()).isEqualTo("SessionName");
    }

    @Test
    void roleJugglingLoopEnds() {
        ObjectNode toY = assumeRole(A, "Y", "s", "ASIAY00000000000001", 3600).account(A)
                .assumedRole("X", "s", "ASIAX00000000000001", "2026-11-01T09:00:00Z").node();
        ObjectNode toX = assumeRole(A, "X", "s", "ASIAX00000000000001", 3600).account(A)
                .assumedRole("Y", "s", "ASIAY00000000000001", "2026-11-01T09:00:00Z").node();
        ObjectNode use = event("ListBuckets").source("s3.amazonaws.com").at("2026-11-01T09:01:00Z").account(A)
                .assumedRole("Y", "s", "ASIAY00000000000001", "2026-11-01T09:00:00Z").node();
        Attribution a = run(List.of(toY, toX, use)).get(id(use));
        assertThat(a.confidence()).isEqualTo(Confidence.UNKNOWN);
        assertThat(a.reason()).contains("loops");
    }

    @Test
    void issuanceIsReadWhateverTheKeyOrderOfItsRecord() {
        ObjectNode issue = assumeRole(A, "Ops", "ivy", "ASIAIVY0000000000001", 3600).account(A)
                .iamUser("ivy", "AKIAIVY0000000000001").node();
        // parameters first, eventSource last (alphabetical exports and hand-made records do this)
        ObjectNode reordered = issue.objectNode();
        reordered.set("requestParameters", issue.get("requestParameters"));
        reordered.set("responseElements", issue.get("responseElements"));
        issue.fieldNames().forEachRemaining(f -> {
            if (!f.equals("eventSource") && !reordered.has(f)) {
                reordered.set(f, issue.get(f));
            }
        });
        reordered.set("eventSource", issue.get("eventSource"));
        Issuance i = IssuanceReader.read(decode(reordered));
        assertThat(i).isNotNull();
        assertThat(i.accessKeyId()).isEqualTo("ASIAIVY0000000000001");
        assertThat(i.roleArn()).isEqualTo(roleArn(A, "Ops"));
        assertThat(i.sessionArn()).isEqualTo(sessionArn(A, "Ops", "ivy"));
        // and a non-STS record keeps no STS fields
        ObjectNode other = reordered.deepCopy().put("eventSource", "ec2.amazonaws.com");
        assertThat(decode(other).sts()).isNull();
    }

    @Test
    void stsExpirationFormats() {
        long t = java.time.Instant.parse("2023-07-10T12:09:47Z").toEpochMilli();
        assertThat(IssuanceReader.expiration("Jul 10, 2023, 12:09:47 PM")).isEqualTo(t);
        assertThat(IssuanceReader.expiration("Jul 10, 2023 12:09:47 PM")).isEqualTo(t);
        assertThat(IssuanceReader.expiration("2023-07-10T12:09:47Z")).isEqualTo(t);
        assertThat(IssuanceReader.expiration("soon")).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void stsExpirationYearsOutOfRangeAreUnknownNotFatal() {
        // Each once threw ArithmeticException (long overflow) or wrapped around: now an unknown expiry.
        assertThat(IssuanceReader.expiration("+999999999-01-01T00:00:00Z")).isEqualTo(Long.MAX_VALUE);
        assertThat(IssuanceReader.expiration("Jul 10, 999999999, 12:09:47 PM")).isEqualTo(Long.MAX_VALUE);
        assertThat(IssuanceReader.expiration("Jul 10, 300000, 12:09:47 PM")).isEqualTo(Long.MAX_VALUE);
        assertThat(IssuanceReader.expiration("+300000-01-01T00:00:00Z")).isEqualTo(Long.MAX_VALUE);
        assertThat(IssuanceReader.expiration("Dec 31, 9999, 11:59:59 PM"))
                .isEqualTo(java.time.Instant.parse("9999-12-31T23:59:59Z").toEpochMilli());
    }
}
