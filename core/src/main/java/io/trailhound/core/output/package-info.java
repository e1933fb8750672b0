/**
 * Output formats that plug Trailhound into other tools, built here once for every host (the CLI's
 * {@code scan} and {@code export}, a streaming watcher, a Flink job): events as ECS documents
 * ({@link io.trailhound.core.output.EcsDocument}, the Elastic rules' own view plus
 * {@code trailhound.origin.*}) and OCSF API Activity ({@link io.trailhound.core.output.OcsfApiActivity});
 * alerts as OCSF Detection Finding ({@link io.trailhound.core.output.OcsfDetectionFinding}) and
 * ASFF ({@link io.trailhound.core.output.AsffFinding}); posture findings as OCSF Compliance Finding
 * ({@link io.trailhound.core.output.OcsfComplianceFinding}) and ASFF. The origin has one shape,
 * {@link io.trailhound.core.output.EventOrigin}, whether it comes from a scan or from the store;
 * {@link io.trailhound.core.output.EventsWithOrigin} joins a scan's events with their final origin.
 *
 * <p>Builds documents only: it writes no files, opens no connections and knows nothing of the
 * store, the CLI or AWS SDKs (the {@code aws} module sends {@code AsffFinding}'s documents to
 * Security Hub). JSON escaping is the caller's generator's (the CLI's escapes terminal controls).
 */
package io.trailhound.core.output;
