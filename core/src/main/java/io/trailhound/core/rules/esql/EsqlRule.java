package io.trailhound.core.rules.esql;

import io.trailhound.core.rules.ir.Predicate;
import io.trailhound.core.rules.ir.Stateful;
import java.util.List;

/**
 * A compiled ES|QL rule query: the IR prefilter the engine indexes and tests first, and the query
 * operator that decides; or, when the query uses something this engine does not run (or reads no
 * CloudTrail index), why not and where.
 *
 * @param prefilter        necessary condition over the event (null when not runnable)
 * @param query            the query operator (null when not runnable)
 * @param notes            what the rule's {@code rules list} entry should say (indices it reads that are not CloudTrail)
 * @param unsupported      why the rule cannot run, or null
 * @param unsupportedAt    offset in the query of what cannot run (-1: the query as a whole)
 */
public record EsqlRule(Predicate prefilter, Stateful.Query query, List<String> notes, String unsupported,
                       int unsupportedAt) {
    public EsqlRule {
        notes = List.copyOf(notes);
    }

    public boolean runnable() {
        return unsupported == null;
    }
}
