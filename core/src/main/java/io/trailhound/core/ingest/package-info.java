/**
 * Sources and decode, the first box of the data flow. {@link InputFinder} expands paths (files,
 * directory trees, {@code -}) into {@link InputSource}s; {@link RecordReader} reads one input of any
 * shape (gzip by magic bytes via {@link Decompressor}, {@code {"Records":[...]}}, arrays, JSON Lines)
 * under {@link ReadLimits} and decodes each record with the {@code event} decoder; {@link Ingest}
 * runs readers on all cores, calls a {@link io.trailhound.core.stage.Stage}'s preparation in the
 * reading threads, drops duplicates by eventID ({@link EventIdSet}) and hands each event once, in
 * one thread, to the stage's ordered part (or an {@link EventSink}). Bad input becomes a {@link BadRecord} in the
 * {@link Quarantine} and never stops a run; {@link IngestSummary} counts what was read.
 *
 * <p>Depends on {@code event}, {@code stage} and Jackson's streaming parser only. It never evaluates rules nor
 * attributes events, and keeps no per-event state beyond the dedupe set: a reader holds one record
 * at a time, bad records are written out, not kept.
 */
package io.trailhound.core.ingest;
