package io.trailhound.synth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.ingest.Ingest;
import io.trailhound.core.ingest.IngestProgress;
import io.trailhound.core.ingest.InputFinder;
import io.trailhound.core.ingest.ReadLimits;
import io.trailhound.core.rules.LoadResult;
import io.trailhound.core.rules.RuleFile;
import io.trailhound.core.rules.falco.FalcoFrontEnd;
import io.trailhound.core.rules.ir.CompiledRule;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The assumed-role console login detections on a generated organisation, checked against the
 * generator's ground truth: the story "console-login-via-assumed-role" injects one ConsoleLogin
 * made with a role session's credentials (a federation-broker sign-in, no SAML provider), among
 * everyday SAML / Identity Center console sign-ins, which are also role-session ConsoleLogins.
 */
class BuiltinRulesOnGeneratedOrgTest {
    private static final String STORY = "console-login-via-assumed-role";

    @TempDir
    static Path dir;
    private static final List<CloudTrailEvent> EVENTS = Collections.synchronizedList(new ArrayList<>());
    private static final Set<String> STORY_IDS = new HashSet<>();

    @BeforeAll
    static void generate() throws Exception {
        GeneratorConfig config = new GeneratorConfig(7L, 4, 20, 2, 20_000L, GeneratorConfig.DEFAULT_START,
                OutputLayout.S3, dir);
        GenerateResult result = new OrgGenerator(config).generate(n -> { });
        InputFinder.Found found = new InputFinder().find(List.of(result.logsRoot().toString()));
        new Ingest(ReadLimits.defaults(), 2).run(found.inputs(), found.unreadable(), EVENTS::add, null,
                IngestProgress.NONE);
        JsonNode truth = new ObjectMapper().readTree(result.groundTruth().toFile());
        for (JsonNode story : truth.get("stories")) {
            if (story.get("story").asText().equals(STORY)) {
                story.get("eventIds").forEach(id -> STORY_IDS.add(id.asText()));
            }
        }
    }

    private static Set<String> matches(CompiledRule rule) {
        Set<String> ids = new HashSet<>();
        for (CloudTrailEvent e : EVENTS) {
            if (rule.info().enabled() && rule.condition().test(e)) {
                ids.add(e.eventID());
            }
        }
        return ids;
    }

    private static Set<String> storyConsoleLogins() {
        Set<String> ids = new HashSet<>();
        for (CloudTrailEvent e : EVENTS) {
            if (STORY_IDS.contains(e.eventID()) && "ConsoleLogin".equals(e.eventName())) {
                ids.add(e.eventID());
            }
        }
        return ids;
    }

    @Test
    void builtinRuleFiresOnTheInjectedStoryAndNothingElse() {
        assertThat(EVENTS).hasSizeGreaterThan(10_000);
        Set<String> story = storyConsoleLogins();
        assertThat(story).hasSize(1);
        LoadResult pack = FalcoFrontEnd.builtin();
        CompiledRule rule = pack.rules().stream()
                .filter(r -> r.info().name().equals("Console Login Through Assumed Role")).findFirst().orElseThrow();
        assertThat(matches(rule)).isEqualTo(story);
    }

    @Test
    void theIssueRuleAlsoFiresOnEverydaySamlSignIns() {
        LoadResult r = new FalcoFrontEnd().load(List.of(new RuleFile("issue.yaml", """
                - rule: Console Login Through Assume Role
                  desc: Detect a console login through Assume Role.
                  condition: ct.name="ConsoleLogin" and not ct.error exists and ct.user.identitytype="AssumedRole" and json.value[/responseElements/ConsoleLogin]="Success"
                  output: Detected a console login through Assume Role (principal=%ct.user.principalid, assumedRole=%ct.user.arn, requesting IP=%ct.srcip, AWS region=%ct.region)
                  priority: WARNING
                  source: aws_cloudtrail
                """)));
        assertThat(r.errors()).isEmpty();
        Set<String> hits = matches(r.rules().get(0));
        Set<String> story = storyConsoleLogins();
        assertThat(hits).containsAll(story);
        assertThat(hits).hasSizeGreaterThan(story.size());
        // Every other hit is a sign-in through a SAML provider (Okta or Identity Center).
        for (CloudTrailEvent e : EVENTS) {
            if (hits.contains(e.eventID()) && !story.contains(e.eventID())) {
                assertThat(e.tree().at("/additionalEventData/SamlProviderArn").isTextual()).as(e.eventID()).isTrue();
            }
        }
    }
}
