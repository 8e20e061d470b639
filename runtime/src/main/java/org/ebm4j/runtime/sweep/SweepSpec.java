package org.ebm4j.runtime.sweep;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ebm4j.api.ConfigException;
import org.ebm4j.runtime.config.ExperimentLoader;

/**
 * A sweep file: a base experiment, and the points to run it at, every combination of a variant, one value of each axis
 * and a seed (variants by name, then axes by path, then seeds as listed):
 * <pre>{@code
 * experiment = "8gaussians-dsm.conf"             # relative to the sweep file
 * seeds = [0, 1, 2, 3]
 * axes { "objective.sigma" = [0.1, 0.5] }        # any setting path, a list of values
 * variants {                                     # optional: named blocks of settings
 *   dsm {}
 *   ssm { objective { type = ssm } }             # a section with a type replaces the experiment's section whole
 *   nce { experiment = "8gaussians-nce.conf" }   # a variant may run another experiment file (relative to the sweep)
 * }
 * metrics = [test-nll]                           # what the closing table shows (ebm compare's names)
 * }</pre>
 *
 * @param file       the sweep file
 * @param experiment the base experiment file
 * @param points     every point, in a fixed order
 * @param metrics    the metrics of the closing table
 */
public record SweepSpec(Path file, Path experiment, List<Point> points, List<String> metrics) {

    /**
     * One run of the sweep: a name that is also its folder, the experiment file it runs and the {@code --set} overrides
     * that make it.
     *
     * @param label      what tables call it: the variant's name and the axis values, without the seed (points that
     *                   differ only in their seed share it)
     * @param variant    the variant's name ({@code ""} without variants)
     * @param seed       the run's seed
     * @param experiment the sweep's experiment, or the variant's own ({@code experiment = ...} in its block)
     */
    public record Point(String name, String label, String variant, long seed, Path experiment, List<String> overrides) {
        public Point {
            overrides = List.copyOf(overrides);
        }
    }

    public SweepSpec {
        points = List.copyOf(points);
        metrics = List.copyOf(metrics);
    }

    /**
     * Whether {@code file} is a sweep file rather than an experiment: it has {@code seeds} and an {@code experiment} that
     * is a path (an experiment has neither at its top level). A file that does not parse is not a sweep.
     */
    public static boolean isSweep(Path file) {
        try {
            Config c = com.typesafe.config.ConfigFactory.parseFile(file.toFile());
            return c.hasPath("seeds") && c.hasPath("experiment") && c.getValue("experiment").valueType() == ConfigValueType.STRING;
        } catch (com.typesafe.config.ConfigException e) {
            return false;
        }
    }

    /** Reads and checks {@code file}: a missing or wrong key is a {@link ConfigException} naming it. */
    public static SweepSpec load(Path file) {
        Config c = ExperimentLoader.parse(file).resolve();
        String origin = file.toString();
        if (!c.hasPath("experiment") || c.getValue("experiment").valueType() != ConfigValueType.STRING) {
            throw new ConfigException("experiment", origin, "is required: the path of the base experiment file, relative to the sweep file");
        }
        Path base = file.toAbsolutePath().getParent().resolve(c.getString("experiment")).normalize();
        List<Long> seeds = c.hasPath("seeds") ? longs(c, "seeds", origin) : List.of();
        if (seeds.isEmpty()) {
            throw new ConfigException("seeds", origin, "needs at least one seed, e.g. seeds = [0, 1, 2]");
        }
        Map<String, List<String>> axes = new LinkedHashMap<>();
        if (c.hasPath("axes")) {
            Config a = object(c, "axes", origin);
            for (Map.Entry<String, ConfigValue> e : new java.util.TreeMap<>(a.root()).entrySet()) { // a fixed order: by path
                if (e.getValue().valueType() != ConfigValueType.LIST || ((List<?>) e.getValue().unwrapped()).isEmpty()) {
                    throw new ConfigException("axes." + e.getKey(), origin, "must be a non-empty list of values, e.g. [0.1, 0.5]");
                }
                List<String> values = new ArrayList<>();
                for (ConfigValue v : a.root().toConfig().getList(com.typesafe.config.ConfigUtil.joinPath(e.getKey()))) {
                    values.add(render(v));
                }
                axes.put(e.getKey(), values);
            }
        }
        Map<String, List<String>> variants = new LinkedHashMap<>();
        Map<String, Path> experiments = new LinkedHashMap<>();
        if (c.hasPath("variants")) {
            Config v = object(c, "variants", origin);
            for (String name : new java.util.TreeSet<>(v.root().keySet())) { // a fixed order: by name
                if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
                    throw new ConfigException("variants." + name, origin, "a variant's name is a folder name: letters, digits, . _ -");
                }
                if (v.root().get(name).valueType() != ConfigValueType.OBJECT) {
                    throw new ConfigException("variants." + name, origin, "must be a block of settings, e.g. { objective { type = ssm } }");
                }
                Config block = v.getConfig(com.typesafe.config.ConfigUtil.joinPath(name));
                if (block.hasPath("experiment")) {
                    if (block.getValue("experiment").valueType() != ConfigValueType.STRING) {
                        throw new ConfigException("variants." + name + ".experiment", origin,
                                "must be the path of an experiment file, relative to the sweep file");
                    }
                    experiments.put(name, file.toAbsolutePath().getParent().resolve(block.getString("experiment")).normalize());
                    block = block.withoutPath("experiment");
                }
                variants.put(name, overrides(block));
            }
        }
        if (variants.isEmpty()) {
            variants.put("", List.of());
        }
        List<String> metrics = c.hasPath("metrics") ? c.getStringList("metrics") : List.of();
        List<Point> points = new ArrayList<>();
        for (Map.Entry<String, List<String>> variant : variants.entrySet()) {
            for (Map<String, String> combination : grid(axes)) {
                for (long seed : seeds) {
                    List<String> overrides = new ArrayList<>(variant.getValue());
                    StringBuilder name = new StringBuilder(variant.getKey());
                    StringBuilder label = new StringBuilder(variant.getKey());
                    combination.forEach((path, value) -> {
                        overrides.add(path + "=" + value);
                        name.append(name.length() == 0 ? "" : "_").append(path).append('=').append(value.replaceAll("[^A-Za-z0-9.+-]", ""));
                        label.append(label.length() == 0 ? "" : " ").append(path).append('=').append(value);
                    });
                    overrides.add("seed=" + seed);
                    name.append(name.length() == 0 ? "" : "_").append("seed=").append(seed);
                    String shown = label.length() > 0 ? label.toString() : base.getFileName().toString().replaceFirst("\\.conf$", "");
                    points.add(new Point(name.toString(), shown, variant.getKey(), seed,
                            experiments.getOrDefault(variant.getKey(), base), overrides));
                }
            }
        }
        return new SweepSpec(file, base, points, metrics);
    }

    /**
     * A variant's settings as {@code --set} overrides: a section with a {@code type} (a component, at any depth) replaces
     * the experiment's section whole (its other settings belong to another type); anything else is set value by value.
     */
    static List<String> overrides(Config variant) {
        List<String> out = new ArrayList<>();
        addOverrides("", variant.root(), out);
        return out;
    }

    private static void addOverrides(String prefix, com.typesafe.config.ConfigObject section, List<String> out) {
        for (Map.Entry<String, ConfigValue> e : new java.util.TreeMap<>(section).entrySet()) {
            ConfigValue value = e.getValue();
            String key = prefix + com.typesafe.config.ConfigUtil.joinPath(e.getKey());
            if (value.valueType() != ConfigValueType.OBJECT) {
                out.add(key + "=" + render(value));
            } else if (((com.typesafe.config.ConfigObject) value).containsKey("type")) {
                out.add(key + "=null");
                out.add(key + "=" + render(value));
            } else {
                addOverrides(key + ".", (com.typesafe.config.ConfigObject) value, out);
            }
        }
    }

    private static List<Map<String, String>> grid(Map<String, List<String>> axes) {
        List<Map<String, String>> all = new ArrayList<>();
        all.add(new LinkedHashMap<>());
        for (Map.Entry<String, List<String>> axis : axes.entrySet()) {
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> partial : all) {
                for (String value : axis.getValue()) {
                    Map<String, String> m = new LinkedHashMap<>(partial);
                    m.put(axis.getKey(), value);
                    next.add(m);
                }
            }
            all = next;
        }
        return all;
    }

    private static String render(ConfigValue v) {
        return v.render(ConfigRenderOptions.concise());
    }

    private static Config object(Config c, String key, String origin) {
        if (c.getValue(key).valueType() != ConfigValueType.OBJECT) {
            throw new ConfigException(key, origin, "must be a block { ... }");
        }
        return c.getConfig(key);
    }

    private static List<Long> longs(Config c, String key, String origin) {
        try {
            return c.getLongList(key);
        } catch (com.typesafe.config.ConfigException e) {
            throw new ConfigException(key, origin, "must be a list of whole numbers, e.g. [0, 1, 2]");
        }
    }
}
