package io.trailhound.synth;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * What to generate: a seed, the size of the organisation, the time span, the number of events and
 * where to write them. Invalid values are rejected when the config is built, with a message naming
 * the CLI option, so no generator ever sees them.
 *
 * @param seed     every random choice derives from it; the same config writes byte-identical output
 * @param accounts AWS accounts in the organisation (management + identity + workloads), at least 2
 * @param users    active human identities (IAM users, SAML-federated and Identity Center users), at least 5
 * @param days     length of the activity window in days, at least 1
 * @param events   approximate number of CloudTrail records to write, at least 1000
 * @param start    start of the activity window
 * @param layout   S3 delivery layout (gzip files per account/region/5 min) or JSON Lines per day
 * @param outDir   output directory: logs/, truth/, posture/ and ground-truth.json go inside it
 */
public record GeneratorConfig(long seed, int accounts, int users, int days, long events,
                              Instant start, OutputLayout layout, Path outDir) {

    public static final Instant DEFAULT_START = Instant.parse("2026-11-01T00:00:00Z");

    public GeneratorConfig {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(outDir, "outDir");
        if (accounts < 2) {
            throw new IllegalArgumentException("--accounts must be at least 2 (a management and an identity account), got " + accounts);
        }
        if (users < 5) {
            throw new IllegalArgumentException("--users must be at least 5, got " + users);
        }
        if (days < 1) {
            throw new IllegalArgumentException("--days must be at least 1, got " + days);
        }
        if (events < 1000) {
            throw new IllegalArgumentException("--events must be at least 1000, got " + events);
        }
    }

    /** Seed 42, 4 accounts, 20 users, 2 days, 20,000 events from 2026-11-01T00:00:00Z, S3 layout. */
    public static GeneratorConfig defaults(Path outDir) {
        return new GeneratorConfig(42L, 4, 20, 2, 20_000L, DEFAULT_START, OutputLayout.S3, outDir);
    }
}
