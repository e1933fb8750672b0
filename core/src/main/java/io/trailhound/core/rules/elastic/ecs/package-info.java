/**
 * Elastic front end: the ECS view of a CloudTrail event as Elastic's {@code aws.cloudtrail} ingest
 * pipeline builds it, one accessor per field, computed lazily from the same
 * {@link io.trailhound.core.event.CloudTrailEvent} ({@link EcsFields}; {@link PipelineValues} for the
 * pipeline's value transformations). Per rule, {@link FieldResolver} maps ECS names to
 * {@link EcsField}s and records what the rule needs that the run lacks (GeoIP databases, a
 * user-agent parser) or that the pipeline never sets.
 *
 * <p>Depends on {@code event}, {@code rules.ir} (accessors, {@code IpLiteral}), {@code geo}
 * ({@code source.geo.*}, {@code source.as.*}) and Jackson trees. Nothing is stored per event: no
 * second document is built. It parses no query and decides no match.
 */
package io.trailhound.core.rules.elastic.ecs;
