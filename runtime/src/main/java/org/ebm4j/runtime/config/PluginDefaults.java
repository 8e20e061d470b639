package org.ebm4j.runtime.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.ebm4j.api.ConfigException;
import org.ebm4j.api.component.ComponentKind;
import org.ebm4j.api.component.ComponentProvider;

/**
 * A provider's defaults, {@code ebm.<kind>.<name>} in the {@code reference.conf} of its own jar (or class folder),
 * unresolved: a default may refer to another setting of the experiment. Only that one file is read: through a
 * plugin's class loader {@code getResource} falls through to the host's, and on a test's class path it finds
 * whichever jar comes first; merging those lets another jar's defaults silently override a plugin's.
 */
public final class PluginDefaults {

    private final Map<String, Config> byOrigin = new ConcurrentHashMap<>();

    /** The defaults of {@code provider} as a {@code kind}, empty if its jar declares none. */
    public Config of(ComponentKind kind, ComponentProvider<?> provider) {
        return declared(kind, provider).orElse(ConfigFactory.empty());
    }

    /** The entry {@code ebm.<kind>.<name>} of the provider's own {@code reference.conf}, if it has one (even empty). */
    public Optional<Config> declared(ComponentKind kind, ComponentProvider<?> provider) {
        Optional<URL> url = ownReference(provider.getClass());
        Config all = url.map(u -> byOrigin.computeIfAbsent(u.toString(), k -> parse(u))).orElse(ConfigFactory.empty());
        String path = kind.defaultsPath(provider.name());
        return all.hasPath(path) ? Optional.of(all.getConfig(path)) : Optional.empty();
    }

    /** The {@code reference.conf} next to {@code type}'s class file: in its jar, or in its class folder. */
    static Optional<URL> ownReference(Class<?> type) {
        ClassLoader loader = type.getClassLoader();
        CodeSource source = type.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            if (loader instanceof URLClassLoader u) {
                return Optional.ofNullable(u.findResource("reference.conf")); // a plugin's own loader: its jar alone
            }
            return Optional.ofNullable(loader == null ? null : loader.getResource("reference.conf"));
        }
        try {
            URL location = source.getLocation();
            if (location.getProtocol().equals("file") && Files.isDirectory(Path.of(location.toURI()))) {
                Path file = Path.of(location.toURI()).resolve("reference.conf");
                return Files.isRegularFile(file) ? Optional.of(file.toUri().toURL()) : Optional.empty();
            }
            URL inJar = new URL("jar:" + location + "!/reference.conf");
            try (InputStream probe = inJar.openStream()) {
                return Optional.of(inJar);
            } catch (IOException absent) {
                return Optional.empty();
            }
        } catch (MalformedURLException | java.net.URISyntaxException e) {
            return Optional.ofNullable(loader.getResource("reference.conf"));
        }
    }

    private static Config parse(URL url) {
        try {
            return ConfigFactory.parseURL(url, ConfigParseOptions.defaults().setAllowMissing(false));
        } catch (com.typesafe.config.ConfigException e) {
            throw new ConfigException("(reference.conf)", url.toString(), e.getMessage());
        }
    }
}
