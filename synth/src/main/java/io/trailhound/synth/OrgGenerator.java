package io.trailhound.synth;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.StreamWriteFeature;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.LongConsumer;
import java.util.stream.Stream;

/**
 * Generates a synthetic AWS organisation's CloudTrail logs with ground truth: the organisation
 * (built from the seed), five-minute windows of activity in time order, six injected attack
 * stories, the origin of every temporary-credential event, and per-account IAM posture files.
 *
 * <p>Deterministic: every random choice comes from {@link SplittableRandom} streams split from the
 * seed, so the same config writes byte-identical files. Memory does not grow with the number of
 * events: only the current window's files and each actor's current session are held.
 */
public final class OrgGenerator {
    private static final long DAY = 86_400_000L;

    private final GeneratorConfig config;

    public OrgGenerator(GeneratorConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /**
     * Writes {@code logs/}, {@code truth/origins.ndjson}, {@code posture/} and {@code ground-truth.json}
     * under the config's output directory, which must not already hold generated logs.
     *
     * @param eventsWrittenProgress called with the running total of events after each window
     */
    public GenerateResult generate(LongConsumer eventsWrittenProgress) throws IOException {
        Path outDir = config.outDir();
        Path logsRoot = outDir.resolve("logs");
        Path groundTruth = outDir.resolve("ground-truth.json");
        Path postureDir = outDir.resolve("posture");
        refuseExistingOutput(logsRoot, groundTruth);
        Files.createDirectories(logsRoot);

        SplittableRandom seed = new SplittableRandom(config.seed());
        SplittableRandom modelRandom = seed.split();
        SplittableRandom activityRandom = seed.split();
        SplittableRandom eventIdRandom = seed.split();
        SplittableRandom fileNameRandom = seed.split();

        OrgModel model = new OrgModelBuilder(config, modelRandom).build();
        long start = config.start().toEpochMilli();
        long end = start + config.days() * DAY;
        JsonFactory factory = new JsonFactoryBuilder()
                .rootValueSeparator((String) null)
                .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
                .build();

        LogSink sink = config.layout() == OutputLayout.S3
                ? new S3LayoutSink(logsRoot, model.orgId, model.accounts.size(), new Ids(fileNameRandom))
                : new JsonlSink(logsRoot);
        EventEmitter emitter;
        ActivityScheduler scheduler;
        AttackStories stories;
        try (LogSink s = sink;
             OriginLog origins = new OriginLog(outDir.resolve("truth").resolve("origins.ndjson"), factory)) {
            emitter = new EventEmitter(factory, s, origins, new Ids(eventIdRandom));
            World world = new World(model, activityRandom, emitter);
            ActorRoster roster = new ActorRoster(world);
            stories = new AttackStories(world, roster.instances);
            stories.schedule(start, end);
            scheduler = new ActivityScheduler(world, roster.actors, stories, s, config);
            scheduler.run(eventsWrittenProgress == null ? n -> { } : eventsWrittenProgress);
            emitter.close();
        }

        new PostureWriter().write(model, postureDir);
        List<PostureFinding> findings = new PostureAudit(model, end).findings();
        List<AttackStories.Story> ordered = stories.stories();
        long storyEvents = 0;
        List<String> storyIds = new ArrayList<>();
        for (AttackStories.Story st : ordered) {
            storyEvents += st.eventIds.size();
            storyIds.add(st.id);
        }
        GroundTruthWriter.Counts counts = new GroundTruthWriter.Counts(emitter.count(), sink.files(),
                emitter.tally().byFamily(), scheduler.eventsByGroup(), storyEvents, emitter.tally().errors());
        new GroundTruthWriter().write(groundTruth, config, model, start, end, counts, ordered, findings);
        return new GenerateResult(emitter.count(), sink.files(), sink.bytes(), logsRoot, groundTruth, postureDir,
                List.copyOf(storyIds));
    }

    /** Never mixes two runs' files: a leftover file would break reproducibility and the ground truth. */
    private static void refuseExistingOutput(Path logsRoot, Path groundTruth) throws IOException {
        if (Files.exists(groundTruth)) {
            throw new FileAlreadyExistsException(groundTruth.toString(), null,
                    "output directory already holds generated data; choose an empty directory");
        }
        if (Files.isDirectory(logsRoot)) {
            try (Stream<Path> entries = Files.list(logsRoot)) {
                if (entries.findAny().isPresent()) {
                    throw new FileAlreadyExistsException(logsRoot.toString(), null,
                            "output directory already holds generated logs; choose an empty directory");
                }
            }
        }
    }
}
