package io.trailhound.synth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The generator is its own module so that a host (the CLI's generate and demo, the benchmarks)
 * can take it without the store or JMH: its classpath is core and core's libraries only.
 */
class SynthDependenciesTest {
    @Test
    void theGeneratorNeedsNeitherTheStoreNorJmh() {
        assertThat(loadable("io.trailhound.core.event.CloudTrailEvent")).isTrue();
        assertThat(loadable("io.trailhound.store.DuckDb")).isFalse();
        assertThat(loadable("org.duckdb.DuckDBDriver")).isFalse();
        assertThat(loadable("org.openjdk.jmh.annotations.Benchmark")).isFalse();
    }

    private static boolean loadable(String className) {
        try {
            Class.forName(className, false, SynthDependenciesTest.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
