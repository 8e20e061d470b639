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

    /**
     * With the map from the model's coordinates to the data's units ({@code data}): a checkpoint's samples mean
     * nothing without it, so every checkpoint carries it.
     */
    public Provenance withData(org.ebm4j.api.data.DataCoordinates coordinates) {
        Map<String, Object> p = new LinkedHashMap<>(values);
        p.put("data", coordinates.describe());
        return new Provenance(p);
    }

    /** The data map a provenance (of a run or a checkpoint) recorded, if it did (runs before 0.2 did not). */
    @SuppressWarnings("unchecked")
    public static java.util.Optional<org.ebm4j.api.data.DataCoordinates> data(Map<String, Object> provenance) {
        if (!(provenance.get("data") instanceof Map<?, ?> m)) {
            return java.util.Optional.empty();
        }
        try {
            List<String> columns = ((List<Object>) m.get("columns")).stream().map(String::valueOf).toList();
            double[] shift = ((List<Object>) m.get("shift")).stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray();
            double[] scale = ((List<Object>) m.get("scale")).stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray();
            return java.util.Optional.of(new org.ebm4j.api.data.DataCoordinates(columns, shift, scale));
        } catch (RuntimeException e) {
            return java.util.Optional.empty(); // written by hand or by another version: nothing to compare with
        }
    }

    /**
     * A message if the checkpoint's data map (its {@code provenance}) differs from the one the data gives now: the
     * file changed since training, and the model's coordinates no longer mean what they meant.
     */
    public static java.util.Optional<String> dataChanged(Map<String, Object> provenance, org.ebm4j.api.data.DataCoordinates now) {
        return data(provenance).filter(then -> !then.sameMap(now, 1e-5)).map(then -> "the data changed since this checkpoint "
                + "was written: its columns were standardised with shift " + java.util.Arrays.toString(then.shift()) + " and scale "
                + java.util.Arrays.toString(then.scale()) + ", the data now gives " + java.util.Arrays.toString(now.shift()) + " and "
                + java.util.Arrays.toString(now.scale()));
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
