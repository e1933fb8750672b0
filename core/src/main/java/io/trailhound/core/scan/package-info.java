/**
 * The pipeline: the whole data flow of a scan, as every host (the CLI, the store's scan, the
 * benchmarks) runs it. A host assembles it with {@link Scan#builder}: {@link Scan} finds inputs and
 * runs {@code ingest} with the stages in order: summary statistics ({@link EventStats}), detection
 * ({@link io.trailhound.core.rules.engine.DetectionStage}: rules in the reading threads, findings
 * held while the credential's answer is pending, stateful rules at the end), attribution
 * ({@link io.trailhound.core.identity.Attributor}) and the host's own sink; it returns a
 * {@link Scan.Result}. The builder does the wiring between stages (it hands the detection stage's
 * hook, {@code DetectionStage.awaitAttribution}, to the attributor); a host never wires stages.
 * {@link ScanOptions} holds limits, threads and the quarantine file. Stages implement
 * {@link io.trailhound.core.stage.Stage}.
 *
 * <p>Depends on {@code ingest}, {@code identity}, {@code rules.engine}, {@code alert} and
 * {@code event}; never on the store, the CLI, Flink or AWS SDKs (hosts plug in sinks). It wires
 * stages and holds none of their logic: no rule is evaluated and no origin resolved here. State
 * across events: {@code DetectionStage} keeps each event's findings, by eventID, until its
 * attribution arrives.
 */
package io.trailhound.core.scan;
