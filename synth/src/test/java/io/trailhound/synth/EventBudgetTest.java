package io.trailhound.synth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class EventBudgetTest {

    @Test
    void smallestOrganisationMeetsItsBudget(@TempDir Path dir) throws IOException {
        GeneratedOrg org = GeneratedOrg.generate(GeneratedOrg.config(dir, 3, 2, 5, 1, 1000, OutputLayout.JSONL));
        assertThat(org.records).hasSize((int) org.result.events());
        assertThat((double) org.result.events()).isCloseTo(1000, within(20.0));
        assertThat(org.result.stories()).hasSize(6);
    }

    @Test
    void budgetHoldsOverSeveralDaysAndReportsProgress(@TempDir Path dir) throws IOException {
        List<Long> progress = new ArrayList<>();
        GeneratorConfig config = GeneratedOrg.config(dir, 9, 4, 12, 3, 12_000, OutputLayout.JSONL);
        GenerateResult r = new OrgGenerator(config).generate(progress::add);
        assertThat((double) r.events()).isCloseTo(12_000, within(12_000 * 0.02));
        assertThat(progress).isSorted().hasSize(3 * 288);
        assertThat(progress.get(progress.size() - 1)).isEqualTo(r.events());
        GeneratedOrg read = GeneratedOrg.read(config, r);
        assertThat(read.records).hasSize((int) r.events());
        assertThat(r.logFiles()).isEqualTo(GeneratedOrg.files(r.logsRoot()).size());
        assertThat(read.groundTruth.at("/events/total").asLong()).isEqualTo(r.events());
    }

    @Test
    void workingHoursAreBusierThanNights(@TempDir Path dir) throws IOException {
        // 2026-11-02 is a Monday: compare human-driven sign-ins by hour
        GeneratorConfig config = new GeneratorConfig(4, 3, 10, 1, 6000, java.time.Instant.parse("2026-11-02T00:00:00Z"),
                OutputLayout.JSONL, dir);
        GeneratedOrg org = GeneratedOrg.generate(config);
        long day = org.records.stream().filter(r -> hour(r) >= 9 && hour(r) < 17).count();
        long night = org.records.stream().filter(r -> hour(r) < 4).count();
        assertThat(day / 8.0).isGreaterThan(1.5 * night / 4.0);
    }

    @Test
    void rejectsConfigsBelowTheMinimumsNamingTheOption() {
        Path out = Path.of("unused");
        assertThatThrownBy(() -> new GeneratorConfig(1, 1, 20, 2, 20_000, GeneratorConfig.DEFAULT_START, OutputLayout.S3, out))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--accounts");
        assertThatThrownBy(() -> new GeneratorConfig(1, 4, 4, 2, 20_000, GeneratorConfig.DEFAULT_START, OutputLayout.S3, out))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--users");
        assertThatThrownBy(() -> new GeneratorConfig(1, 4, 20, 0, 20_000, GeneratorConfig.DEFAULT_START, OutputLayout.S3, out))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--days");
        assertThatThrownBy(() -> new GeneratorConfig(1, 4, 20, 2, 999, GeneratorConfig.DEFAULT_START, OutputLayout.S3, out))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--events");
        GeneratorConfig d = GeneratorConfig.defaults(out);
        assertThat(d).isEqualTo(new GeneratorConfig(42, 4, 20, 2, 20_000, GeneratorConfig.DEFAULT_START, OutputLayout.S3, out));
        assertThat(d.start()).hasToString("2026-11-01T00:00:00Z");
    }

    private static int hour(com.fasterxml.jackson.databind.JsonNode r) {
        return Integer.parseInt(r.get("eventTime").asText().substring(11, 13));
    }
}
