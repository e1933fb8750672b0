package io.trailhound.core.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailhound.core.alert.Alert;
import io.trailhound.core.identity.Attribution;
import io.trailhound.core.identity.Confidence;
import io.trailhound.core.ingest.IngestProgress;
import io.trailhound.core.rules.RuleFormats;
import io.trailhound.core.rules.engine.DetectionStage;
import io.trailhound.core.rules.engine.Detector;
import io.trailhound.core.rules.engine.RuleSet;
import io.trailhound.core.stage.HeldState;
import io.trailhound.core.testkit.CloudTrailFiles;
import io.trailhound.core.testkit.CloudTrailRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pipeline as a host assembles it: stages wired by the builder, in one call. */
class ScanBuilderTest {
    private static final String A = "111111111111";

    @TempDir
    Path tmp;

    /** An action with an issued key (first file) and the AssumeRole that issued it (second file, read later). */
    private Path[] issuanceReadAfterItsUse() throws IOException {
        CloudTrailRecord issue = CloudTrailRecord.assumeRole(A, "Admin", "alice", "ASIAADMIN00000000001", 3600)
                .at("2026-11-01T09:00:00Z").account(A).iamUser("alice", "AKIAALICE00000000001");
        // StopLogging: a built-in rule alerts on it.
        CloudTrailRecord action = CloudTrailRecord.event("StopLogging").source("cloudtrail.amazonaws.com").at("2026-11-01T09:20:00Z")
                .account(A).assumedRole("Admin", "alice", "ASIAADMIN00000000001", "2026-11-01T09:00:00Z").request("name", "trail");
        return new Path[] {CloudTrailFiles.s3(tmp.resolve("1-use.json"), action), CloudTrailFiles.s3(tmp.resolve("2-issued.json"), issue)};
    }

    @Test
    void detectionWaitsForAttributionSoAnAlertNamesTheOriginEvenWhenItsIssuanceIsReadLater() throws IOException {
        issuanceReadAfterItsUse();
        List<Alert> alerts = new ArrayList<>();
        Map<String, Attribution> attributed = new HashMap<>();
        List<String> seen = new ArrayList<>();
        List<io.trailhound.core.event.CloudTrailEvent> events = new ArrayList<>();
        List<io.trailhound.core.identity.CredentialChange> changes = new ArrayList<>();
        Scan scan = Scan.builder(new ScanOptions(io.trailhound.core.ingest.ReadLimits.defaults(), 1, null))
                .attribution()
                .detection(DetectionStage.inMemory(new Detector(new RuleSet(RuleFormats.builtin().rules())), null, alerts::add))
                .onAttributed((e, a) -> attributed.put(e.eventName(), a))
                .onCredentialChanged(changes::add)
                .onEvent(e -> {
                    seen.add(e.eventName());
                    events.add(e);
                })
                .build();
        Scan.Result r = scan.run(List.of(tmp.toString()), IngestProgress.NONE);

        assertThat(seen).containsExactly("StopLogging", "AssumeRole");
        assertThat(r.ingest().events()).isEqualTo(2);
        assertThat(r.stats().events()).isEqualTo(2);
        // Whether StopLogging passed before or after the reading thread recorded the issuance, its answer ends
        // exact (a change was heard when it passed pending), and the summary counts it there.
        if (attributed.get("StopLogging").confidence() != Confidence.EXACT) {
            assertThat(attributed.get("StopLogging").reason()).startsWith("issuance not read yet");
            assertThat(changes).singleElement().satisfies(c -> assertThat(c.now().pending()).isFalse());
        }
        assertThat(scan.attributor().answer(events.get(0)).confidence()).isEqualTo(Confidence.EXACT);
        assertThat(r.attribution().count(Confidence.EXACT)).isEqualTo(1);
        assertThat(r.attribution().count(Confidence.UNKNOWN)).isZero();
        assertThat(alerts).isNotEmpty();
        Alert stop = alerts.stream().filter(a -> a.event().eventName().equals("StopLogging")).findFirst().orElseThrow();
        assertThat(stop.attribution()).isNotNull();
        assertThat(stop.attribution().origin().arn()).isEqualTo("arn:aws:iam::" + A + ":user/alice");
        assertThat(r.detection()).isNotNull();
        assertThat(r.attribution()).isNotNull();
    }

    @Test
    void withoutAttributionAlertsGoOutAtOnceAndNameNoOrigin() throws IOException {
        issuanceReadAfterItsUse();
        List<Alert> alerts = new ArrayList<>();
        Scan.Result r = Scan.builder(new ScanOptions(io.trailhound.core.ingest.ReadLimits.defaults(), 1, null))
                .detection(DetectionStage.inMemory(new Detector(new RuleSet(RuleFormats.builtin().rules())), null, alerts::add))
                .build()
                .run(List.of(tmp.toString()), IngestProgress.NONE);
        assertThat(r.attribution()).isNull();
        assertThat(alerts).extracting(a -> a.event().eventName()).contains("StopLogging");
        assertThat(alerts).allSatisfy(a -> assertThat(a.attribution()).isNull());
    }

    @Test
    void stagesDeclareTheStateTheyKeepAcrossEvents() throws IOException {
        issuanceReadAfterItsUse();
        Scan scan = Scan.builder(new ScanOptions(io.trailhound.core.ingest.ReadLimits.defaults(), 1, null))
                .attribution()
                .detection(DetectionStage.inMemory(new Detector(new RuleSet(RuleFormats.builtin().rules())), null, a -> { }))
                .build();
        scan.run(List.of(tmp.toString()), IngestProgress.NONE);
        Map<String, HeldState> held = new HashMap<>();
        scan.held().forEach(h -> held.put(h.name(), h));
        assertThat(held.get("credential issuances").keyedBy()).isEqualTo("accessKeyId");
        assertThat(held.get("credential issuances").entries()).isEqualTo(1);
        // The credential read before its issuance settled once it was read: nothing is held for it any more.
        assertThat(held.get("pending credentials in memory").keyedBy()).isEqualTo("credential");
        assertThat(held.get("pending credentials in memory").entries()).isZero();
        assertThat(held.get("pending credentials on disk").entries()).isZero();
        assertThat(held.get("findings waiting for attribution").entries()).isZero();
        assertThat(held).containsKeys("summary counts", "stateful rule candidates");
    }

    @Test
    void aScanRunsOnce() throws IOException {
        issuanceReadAfterItsUse();
        Scan scan = Scan.builder(ScanOptions.defaults(null)).build();
        scan.run(List.of(tmp.toString()), IngestProgress.NONE);
        assertThatThrownBy(() -> scan.run(List.of(tmp.toString()), IngestProgress.NONE))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("runs once");
    }
}
