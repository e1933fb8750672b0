/**
 * The contract between the pipeline and its stages ({@link io.trailhound.core.stage.Stage}): the
 * parallel part, the ordered part and the finish of each stage, and the state each keeps across
 * events ({@link io.trailhound.core.stage.HeldState}). Knows only the event model; the stages
 * themselves live with what they do (ingest, attribution, detection, statistics), and
 * {@code core.scan} assembles them.
 */
package io.trailhound.core.stage;
