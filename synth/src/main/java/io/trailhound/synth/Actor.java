package io.trailhound.synth;

import java.io.IOException;

/**
 * Something in the organisation that makes API calls. The scheduler picks an actor for each
 * time slot by weight; {@link #step} then writes at least one event: the next thing the actor
 * does (obtain credentials, or make a call with the ones it holds).
 */
abstract class Actor {
    /** Budget groups; each gets a fixed share of the events (see {@link ActivityScheduler}). */
    enum Group { HUMAN, SERVICE_USER, PIPELINE, EC2, LAMBDA, SERVICE_EVENT }

    final Group group;
    /** Relative weight within the group. */
    final double weight;
    protected final World w;

    Actor(World w, Group group, double weight) {
        this.w = w;
        this.group = group;
        this.weight = weight;
    }

    /** Writes this actor's next event(s) at time {@code t}; always at least one. */
    abstract void step(long t) throws IOException;
}
