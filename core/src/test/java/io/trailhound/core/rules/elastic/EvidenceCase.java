package io.trailhound.core.rules.elastic;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.rules.ir.CompiledRule;

/**
 * A peer rule, an event written by hand that it is meant to catch, and the nearest event it is
 * meant to let pass, with why that one is benign.
 */
record EvidenceCase(String rule, CloudTrailEvent hit, CloudTrailEvent miss, String whyMiss) {
    static final String CLI = "aws-cli/2.15.30 Python/3.11.8 Linux/6.1 exe/x86_64";
    static final String IP = "198.51.100.20";

    void check() {
        CompiledRule r = PeerRules.byName(rule);
        assertThat(r.info().enabled()).isTrue();
        assertThat(r.condition().test(hit)).as("hit for " + rule).isTrue();
        assertThat(r.condition().test(miss)).as("miss for " + rule + ": " + whyMiss).isFalse();
    }

    @Override
    public String toString() {
        return rule + " (miss: " + whyMiss + ")";
    }
}
