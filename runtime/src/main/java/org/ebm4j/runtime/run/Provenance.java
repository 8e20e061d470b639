package org.ebm4j.runtime.run;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ebm4j.api.SpiVersion;
import org.ebm4j.runtime.plugin.PluginInfo;

/**
 * What produced a run: ebm4j, SPI and plugin versions, ND4J, Java, OS, cores, seed, experiment file, the
 * {@code --set} overrides given on the command line (in order), start time.
 * {@code provenance.json} and every checkpoint record it.
 */
public record Provenance(Map<String, Object> values) {

    public Provenance {
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public static Provenance of(long seed, List<PluginInfo> plugins, String source) {
        return of(seed, plugins, source, List.of());
    }

    public static Provenance of(long seed, List<PluginInfo> plugins, String source, List<String> overrides) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("ebm4j", SpiVersion.current());
        p.put("spi", SpiVersion.current());
        Map<String, String> versions = new LinkedHashMap<>();
        plugins.forEach(i -> versions.put(i.id(), i.version()));
        p.put("plugins", versions);
        p.put("nd4j", "1.0.0-M2.1");
        p.put("java", System.getProperty("java.vm.name") + " " + Runtime.version());
        p.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        p.put("cores", Runtime.getRuntime().availableProcessors());
        p.put("seed", seed);
        p.put("experiment-file", source);
        p.put("overrides", List.copyOf(overrides));
        p.put("started", OffsetDateTime.now().toString());
        return new Provenance(p);
    }
}
