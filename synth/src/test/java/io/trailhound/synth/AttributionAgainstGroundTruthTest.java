package io.trailhound.synth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailhound.core.identity.Attribution;
import io.trailhound.core.identity.Confidence;
import io.trailhound.core.ingest.IngestProgress;
import io.trailhound.core.scan.Scan;
import io.trailhound.core.scan.ScanOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Core attribution against the generator's ground truth: every event the generator made
 * attributable gets its true origin, none gets a wrong one. The truth is the generator's own
 * record of who acted, written independently of the logs' content.
 */
class AttributionAgainstGroundTruthTest {
    @TempDir
    Path tmp;

    @Test
    void everyAttributableEventGetsItsTrueOriginAndNoneAWrongOne() throws IOException {
        GeneratedOrg org = GeneratedOrg.generate(GeneratedOrg.config(tmp.resolve("org"), 7, 4, 12, 1, 20_000, OutputLayout.S3));
        Map<String, Attribution> got = new HashMap<>();
        java.util.List<io.trailhound.core.event.CloudTrailEvent> events = new java.util.ArrayList<>();
        Scan scan = Scan.builder(ScanOptions.defaults(null)).attribution().onEvent(events::add).build();
        Scan.Result r = scan.run(List.of(org.result.logsRoot().toString()), IngestProgress.NONE);
        events.forEach(e -> got.put(e.eventID(), scan.attributor().answer(e)));
        assertThat(r.ingest().events()).isEqualTo(org.records.size());

        List<String> wrong = new ArrayList<>();
        Map<String, Integer> missed = new TreeMap<>();
        int matched = 0;
        for (Map.Entry<String, JsonNode> t : org.origins.entrySet()) {
            Attribution a = got.get(t.getKey());
            JsonNode truth = t.getValue().get("origin");
            assertThat(a).as(t.getKey()).isNotNull();
            if (a.origin() == null || a.confidence() == Confidence.INFERRED) {
                missed.merge(truth.get("type").asText() + ": " + a.reason(), 1, Integer::sum);
                continue;
            }
            String want = truth.has("arn") ? truth.get("arn").asText() : truth.get("name").asText();
            if (!want.equals(a.origin().label()) || !truth.get("type").asText().equals(a.origin().type())) {
                wrong.add(t.getKey() + ": truth " + truth + ", got " + a.origin() + " (" + a.confidence() + ")");
            } else {
                matched++;
            }
        }
        assertThat(wrong).as("wrong origins").isEmpty();
        assertThat(missed).as("events with a true origin left unattributed").isEmpty();
        assertThat(matched).isEqualTo(org.origins.size());
        assertThat(r.attribution().anomalies()).isZero();
    }
}
