package io.trailhound.core.rules.engine;

/**
 * Where {@code new_terms} rules remember the terms they have seen, per rule: in memory for one run,
 * or in the store so that history survives runs. Only the first and last sighting of each term is
 * kept, which answers "seen within the window before t" exactly when sightings are read in time
 * order, and conservatively (as seen) when an earlier run covered later times.
 */
public interface TermHistory {
    /** First and last time (epoch ms) {@code term} was seen by rule {@code ruleId}, or null. */
    long[] sightings(String ruleId, String term);

    /** Records a sighting at {@code timeMillis}. */
    void record(String ruleId, String term, long timeMillis);

    /**
     * Whether two threads may read and record at once for distinct rules (each rule's calls staying
     * in one thread): then {@link StatefulRules#finish} decides new-terms rules on both cores.
     */
    default boolean concurrentRules() {
        return false;
    }

    /** A history that lives for one run. */
    static TermHistory inMemory() {
        return new MemoryTermHistory();
    }
}
