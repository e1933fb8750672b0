package io.trailhound.synth;

import java.util.SplittableRandom;

/**
 * Public IPv4 addresses by kind of network. The kinds use disjoint first octets, so an address an
 * intruder uses can never have been seen for a session before.
 */
final class Addresses {
    private Addresses() {
    }

    /** Offices and home broadband. */
    static final int[] ISP = {24, 50, 66, 67, 68, 71, 73, 76, 81, 82, 86, 88, 90, 92, 98, 108, 174};
    /** EC2 and Lambda egress. */
    static final int[] AWS = {3, 18, 34, 44, 52, 54};
    /** GitHub-hosted runners. */
    static final int[] GITHUB = {4, 13, 20, 40};
    /** Rented servers used only by the attack stories. */
    static final int[] HOSTING = {45, 185, 193, 194};

    static String draw(SplittableRandom rng, int[] firstOctets) {
        return firstOctets[rng.nextInt(firstOctets.length)] + "." + rng.nextInt(256) + "." + rng.nextInt(256)
                + "." + (1 + rng.nextInt(254));
    }
}
