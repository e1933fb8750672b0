package io.trailhound.aws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AwsSettingsConnectionsTest {
    private final String before = System.getProperty("http.maxConnections");

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty("http.maxConnections");
        } else {
            System.setProperty("http.maxConnections", before);
        }
    }

    @Test
    void idleConnectionsPerHostAreRaisedWhenTheUserSetNone() {
        System.clearProperty("http.maxConnections");
        AwsSettings.keepIdleConnections();
        assertThat(System.getProperty("http.maxConnections")).isEqualTo("64");
    }

    @Test
    void aValueTheUserSetIsKept() {
        System.setProperty("http.maxConnections", "3");
        AwsSettings.keepIdleConnections();
        assertThat(System.getProperty("http.maxConnections")).isEqualTo("3");
    }
}
