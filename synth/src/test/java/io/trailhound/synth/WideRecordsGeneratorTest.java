package io.trailhound.synth;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.ingest.BadRecord;
import io.trailhound.core.ingest.InputFinder;
import io.trailhound.core.ingest.InputSource;
import io.trailhound.core.ingest.ReadLimits;
import io.trailhound.core.ingest.RecordHandler;
import io.trailhound.core.ingest.RecordReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bench's second dataset: every record decodes, as an assumed-role call with its key, from
 * four event names with kilobytes of request parameters, 5,000 records a file; the same seed
 * writes the same bytes.
 */
class WideRecordsGeneratorTest {
    private static final Instant START = Instant.parse("2026-01-05T00:00:00Z");

    @Test
    void fewEventNamesLargeRequestParametersEveryRecordDecodes(@TempDir Path dir) throws IOException {
        long written = new WideRecordsGenerator(7, 12_000, START).generate(dir);
        assertThat(written).isEqualTo(12_000);
        List<InputSource> files = new InputFinder().find(List.of(dir.toString())).inputs();
        assertThat(files).hasSize(3);
        List<CloudTrailEvent> events = new ArrayList<>();
        List<BadRecord> bad = new ArrayList<>();
        RecordReader reader = new RecordReader(ReadLimits.defaults());
        for (InputSource f : files) {
            reader.read(f, new RecordHandler() {
                @Override
                public void event(CloudTrailEvent event) {
                    events.add(event);
                }

                @Override
                public void bad(BadRecord b) {
                    bad.add(b);
                }
            });
        }
        assertThat(bad).isEmpty();
        assertThat(events).hasSize(12_000);
        Set<String> names = new HashSet<>();
        Set<String> ids = new HashSet<>();
        long paramChars = 0;
        for (CloudTrailEvent e : events) {
            names.add(e.eventName());
            ids.add(e.eventID());
            assertThat(e.userIdentity().type()).isEqualTo("AssumedRole");
            assertThat(e.userIdentity().accessKeyId()).startsWith("ASIA");
            assertThat(e.eventTimeMillis()).isBetween(START.toEpochMilli(), START.toEpochMilli() + 86_400_000L);
            String params = e.member("requestParameters").toString();
            assertThat(params.length()).as(e.eventName()).isGreaterThan(1000);
            paramChars += params.length();
        }
        assertThat(names).containsExactlyInAnyOrder("PutRolePolicy", "RunInstances", "PutBucketPolicy", "SendCommand");
        assertThat(ids).hasSize(12_000);
        assertThat(paramChars / events.size()).as("mean request parameters").isBetween(2000L, 5000L);
    }

    @Test
    void theSameSeedWritesTheSameBytes(@TempDir Path a, @TempDir Path b) throws IOException {
        new WideRecordsGenerator(3, 6_000, START).generate(a);
        new WideRecordsGenerator(3, 6_000, START).generate(b);
        List<InputSource> fa = new InputFinder().find(List.of(a.toString())).inputs();
        List<InputSource> fb = new InputFinder().find(List.of(b.toString())).inputs();
        assertThat(fa).hasSize(2).hasSameSizeAs(fb);
        for (int i = 0; i < fa.size(); i++) {
            assertThat(a.relativize(fa.get(i).path())).isEqualTo(b.relativize(fb.get(i).path()));
            assertThat(Files.readAllBytes(fa.get(i).path())).isEqualTo(Files.readAllBytes(fb.get(i).path()));
        }
    }
}
