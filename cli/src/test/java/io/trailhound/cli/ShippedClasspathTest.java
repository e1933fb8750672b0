package io.trailhound.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The shaded jar bundles the CLI's runtime classpath, so what is loadable here ships to users. JMH
 * (with jopt-simple and commons-math3) came in through the old bench dependency; the CLI now takes
 * the generator from synth and keeps the bench command's harness in {@code cli.bench}.
 */
class ShippedClasspathTest {
    @Test
    void theCliClasspathCarriesNoJmh() {
        assertThat(loadable("org.openjdk.jmh.annotations.Benchmark")).isFalse();
        assertThat(loadable("org.openjdk.jmh.Main")).isFalse();
        assertThat(loadable("io.trailhound.bench.jmh.DecodeBenchmark")).isFalse();
    }

    @Test
    void theCliClasspathCarriesNoS3ProxyNorTheS3Bench() {
        // S3Proxy (Jetty, jclouds) is the bench's and the aws tests' local endpoint, never the user's
        assertThat(loadable("org.gaul.s3proxy.S3Proxy")).isFalse();
        assertThat(loadable("org.jclouds.ContextBuilder")).isFalse();
        assertThat(loadable("io.trailhound.bench.s3.S3ScanBench")).isFalse();
    }

    @Test
    void theGeneratorAndTheBenchHarnessAreThere() {
        assertThat(loadable("io.trailhound.synth.OrgGenerator")).isTrue();
        assertThat(loadable("io.trailhound.cli.bench.BenchHarness")).isTrue();
        assertThat(loadable("io.trailhound.cli.bench.BenchRounds")).isTrue();
    }

    private static boolean loadable(String className) {
        try {
            Class.forName(className, false, ShippedClasspathTest.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
