package io.trailhound.core.stage;

/**
 * One kind of state a stage keeps across events: what it is, what it is keyed by (the key a
 * distributed host partitions it by), and how many entries it holds now.
 */
public record HeldState(String name, String keyedBy, long entries) {
}
