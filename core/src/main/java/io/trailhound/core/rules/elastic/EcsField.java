package io.trailhound.core.rules.elastic;

import io.trailhound.core.rules.ir.Accessor;

/**
 * What an ECS field name means over CloudTrail.
 *
 * @param accessor reads it (always set: an unknown or unavailable field reads as absent, which is
 *                 what Elasticsearch does with a field no document has)
 * @param kind     whether the view produces it
 * @param need     for {@link Kind#NEEDS_DATA} and {@link Kind#UNKNOWN}: what is missing, for
 *                 {@code rules list} and load warnings
 */
record EcsField(Accessor accessor, Kind kind, String need) {
    public enum Kind {
        /** The view computes it from the CloudTrail record. */
        PRODUCED,
        /** The pipeline sets it from data this run does not have (no GeoIP database given, no user-agent parser): absent. */
        NEEDS_DATA,
        /** Not a field the CloudTrail pipeline sets: absent, as in Elasticsearch, but probably a mistake. */
        UNKNOWN
    }
}
