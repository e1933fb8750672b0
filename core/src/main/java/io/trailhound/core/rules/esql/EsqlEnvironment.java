package io.trailhound.core.rules.esql;

import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.rules.ir.Accessor;
import io.trailhound.core.rules.ir.Predicate;
import java.util.Set;
import java.util.function.ToLongFunction;

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

    /**
     * For a date field the view reads straight off the decoded event ({@code @timestamp}): its
     * epoch milliseconds, or {@link Long#MIN_VALUE} where {@link #field}'s text is to be read and
     * parsed instead; null for any other field. Spares formatting and parsing a date per event.
     */
    default ToLongFunction<CloudTrailEvent> epochMillis(String name) {
        return null;
    }

    /**
     * For a field whose text renders one top-level member of the record so that each string of the
     * member (key or value) appears in it unchanged, between characters of {@code separators}, and
     * nothing else does but numbers and booleans (the pipeline's {@code {k=v, list=[a, b]}}): that
     * member; null for any other field. Lets {@code GROK} tell from the record's raw bytes that
     * its pattern cannot match, without parsing the member ({@link MemberPrefilter}).
     */
    default RenderedMember renderedMember(String name) {
        return null;
    }

    /** A member of the record and the characters its rendering puts between the member's strings. */
    record RenderedMember(String member, String separators) {
    }
}
