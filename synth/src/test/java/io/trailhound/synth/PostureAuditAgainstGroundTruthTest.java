package io.trailhound.synth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailhound.core.posture.AuditResult;
import io.trailhound.core.posture.DirectorySource;
import io.trailhound.core.posture.Finding;
import io.trailhound.core.posture.PostureAudit;
import io.trailhound.core.posture.PostureChecks;
import io.trailhound.core.posture.Thresholds;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The posture audit over the generator's posture files finds exactly the violations the generator
 * planted (ground-truth.json "posture"), no more and no fewer. The generator names its checks
 * differently; the map below ties them to the audit's public ids.
 */
class PostureAuditAgainstGroundTruthTest {
    private static final Map<String, String> GENERATOR_NAME = Map.of(
            "console-without-mfa", "console-user-without-mfa",
            "key-at-user-creation", "access-key-created-with-user",
            "two-active-keys", "two-active-access-keys",
            "key-not-rotated", "access-key-not-rotated-90d",
            "credentials-unused", "credentials-unused-90d",
            "root-access-key", "root-access-key-present",
            "role-session-name-not-pinned", "role-trust-without-session-name-or-source-identity",
            "password-policy-weak", "weak-password-policy");

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(longs = {42L, 7L})
    void theAuditFindsExactlyThePlantedViolations(long seed) throws Exception {
        GeneratedOrg org = GeneratedOrg.generate(GeneratedOrg.config(tmp, seed, 6, 20, 2, 5_000, OutputLayout.JSONL));
        Instant end = Instant.parse(org.groundTruth.at("/window/end").asText());
        AuditResult r = new PostureAudit(PostureChecks.all(), Thresholds.defaults(), end)
                .run(new DirectorySource(org.result.postureDir()), a -> { });

        Set<String> planted = new TreeSet<>();
        for (JsonNode f : org.groundTruth.get("posture")) {
            planted.add(f.get("check").asText() + " " + f.get("account").asText() + " " + f.get("principal").asText());
        }
        Set<String> found = new TreeSet<>();
        Set<String> unmapped = new TreeSet<>();
        for (Finding f : r.findings()) {
            String name = GENERATOR_NAME.get(f.check());
            if (name == null) {
                unmapped.add(f.check());
            } else {
                found.add(name + " " + f.account() + " " + principalArn(f));
            }
        }
        assertThat(found).isEqualTo(planted);
        // the generator's planted set covers every mapped check, so none of them passes vacuously
        assertThat(found).extracting(s -> s.substring(0, s.indexOf(' '))).containsAll(GENERATOR_NAME.values());
        // root keeps MFA and was last used 150+ days before the window ends
        assertThat(unmapped).doesNotContain("root-no-mfa", "root-recent-use");
        assertThat(r.total().get("key-not-rotated").applicable()).isGreaterThan(r.total().get("key-not-rotated").violations());
    }

    /** The ground truth's principal: a user's or root's ARN, a role's ARN, or the account id for account-wide findings. */
    private static String principalArn(Finding f) {
        if (f.role() != null) {
            return f.role();
        }
        if (f.user() == null) {
            return f.account();
        }
        return "arn:aws:iam::" + f.account() + (f.user().equals("<root_account>") ? ":root" : ":user/" + f.user());
    }
}
