/**
 * The event model, the first thing every stage sees: one {@link CloudTrailEvent} per record. The
 * hot fields (time, ids, names, region, source IP, errorCode, the {@link UserIdentity}, and for STS
 * calls the {@link StsFields} attribution reads) are decoded once by {@link CloudTrailEventDecoder}
 * as the record streams past; everything else stays as raw bytes, parsed lazily on first use and
 * reached through a precompiled {@link FieldPath}. {@link SourcePosition} says where a record was
 * read; {@link IsoInstants} parses eventTime on the hot path.
 *
 * <p>Depends on Jackson only and imports no other Trailhound package. It must not know rules,
 * attribution, alerts or where records come from: it decodes the STS fields as data and leaves
 * their meaning to {@code identity}; inputs, shapes, limits and dedupe are {@code ingest}'s.
 */
package io.trailhound.core.event;
