package org.ebm4j.runtime.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.net.URL;

/** The runtime's own defaults, {@code ebm4j-runtime.conf}: {@code seed} and {@code train} of every experiment, and the built-in plugins. */
public final class RuntimeDefaults {

    private static final Config FILE = parse();

    private RuntimeDefaults() {}

    private static Config parse() {
        URL url = RuntimeDefaults.class.getResource("/ebm4j-runtime.conf");
        return ConfigFactory.parseURL(url).resolve();
    }

    /** {@code seed} and {@code train}, with their comments (what {@code ebm describe train} prints). */
    public static Config experiment() {
        return FILE.getConfig("ebm.runtime");
    }

    /** {@code ebm.plugins}: {@code built-in}, the ids of the plugins that ship with ebm4j. */
    public static Config load() {
        return FILE.getConfig("ebm.plugins");
    }
}
