package io.trailhound.synth;

import java.nio.file.Path;
import java.util.List;

/**
 * What a generation run wrote.
 *
 * @param events      CloudTrail records written (both copies of a cross-account call count)
 * @param logFiles    log files written
 * @param bytes       bytes of log files on disk (compressed for the S3 layout)
 * @param logsRoot    {@code <outDir>/logs}
 * @param groundTruth {@code <outDir>/ground-truth.json}
 * @param postureDir  {@code <outDir>/posture}, one folder per account
 * @param stories     ids of the injected attack stories, in the order they happen
 */
public record GenerateResult(long events, int logFiles, long bytes, Path logsRoot,
                             Path groundTruth, Path postureDir, List<String> stories) {
}
