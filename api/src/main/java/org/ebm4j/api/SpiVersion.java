package org.ebm4j.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The version of this SPI: the {@code ebm4j-api} artifact's version (semantic versioning). Plugins declare the
 * versions they work with in {@code Plugin-Requires}; the runtime refuses a plugin that needs a newer SPI.
 */
public final class SpiVersion {

    private static final String VERSION = load();

    private SpiVersion() {}

    /** For example {@code 0.2.0} (a {@code -SNAPSHOT} suffix dropped). */
    public static String current() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = SpiVersion.class.getResourceAsStream("ebm4j-api.properties")) {
            if (in == null) {
                throw new IllegalStateException("ebm4j-api.properties is missing from the ebm4j-api jar");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version").replace("-SNAPSHOT", "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
