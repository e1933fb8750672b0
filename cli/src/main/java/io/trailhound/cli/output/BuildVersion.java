package io.trailhound.cli.output;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Trailhound's version from the build (Maven writes it into a resource), for {@code --version} and the product fields of findings. */
public final class BuildVersion {
    private static final String NUMBER = read();

    private BuildVersion() {
    }

    /** e.g. {@code 0.9.0}, or {@code unknown} outside a build. */
    public static String number() {
        return NUMBER;
    }

    private static String read() {
        Properties p = new Properties();
        try (InputStream in = BuildVersion.class.getResourceAsStream("/trailhound-version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p.getProperty("version", "unknown");
    }
}
