package io.trailhound.core.rules.esql;

import io.trailhound.core.rules.ir.Accessor;
import io.trailhound.core.rules.ir.Predicate;
import java.util.Set;

/**
 * What the ES|QL compiler needs from the document view it runs over (Elastic's ECS view of
 * CloudTrail): field accessors, the names the view produces (for {@code KEEP aws.*}), the fields
 * that are one constant on every event ({@code data_stream.dataset}), and KQL for {@code KQL()}.
 * The Elastic front end implements it, so ES|QL reuses its field mapping and KQL compiler.
 */
public interface EsqlEnvironment {
    /** The field's accessor; an always-absent one for a name the view never sets (as Elasticsearch reads it). */
    Accessor field(String name);

    /** Every field name the view can produce, for {@code *} patterns in {@code KEEP} / {@code DROP}. */
    Set<String> fieldNames();

    /** The value the field has on every event, or null when it varies (or is absent). */
    String constant(String name);

    /** A KQL query as an IR predicate over the same view; throws a syntax error at an offset in {@code kql}. */
    Predicate kql(String kql);
}
