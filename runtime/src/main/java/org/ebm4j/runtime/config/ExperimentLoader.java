package org.ebm4j.runtime.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.ebm4j.api.ConfigException;
import org.ebm4j.api.UnknownComponentException;
import org.ebm4j.api.component.ComponentKind;
import org.ebm4j.api.component.SettingsReader;
import org.ebm4j.api.optim.OptimizerSpec;
import org.ebm4j.api.optim.ScheduleSpec;
import org.ebm4j.runtime.plugin.ComponentRegistry;
import org.ebm4j.runtime.plugin.RegisteredProvider;

/**
 * Reads an experiment file into an {@link ExperimentSpec}. Layers, strongest first: {@code --set key=value}
 * overrides, the experiment file, each component's plugin defaults ({@code ebm.<kind>.<name>} in that plugin's own
 * {@code reference.conf}), the runtime's defaults. Every problem is collected and reported at once.
 */
public final class ExperimentLoader {

    private static final List<String> TOP_LEVEL = List.of("name", "seed", "data", "model", "objective", "sampler", "evaluators", "train");

    private final ComponentRegistry registry;
    private final Map<ClassLoader, Config> pluginDefaults = new HashMap<>();

    public ExperimentLoader(ComponentRegistry registry) {
        this.registry = registry;
    }

    /** The runtime's own defaults ({@code ebm4j-runtime.conf}). */
    public static Config runtimeDefaults() {
        URL url = ExperimentLoader.class.getResource("/ebm4j-runtime.conf");
        return ConfigFactory.parseURL(url).getConfig("ebm.runtime");
    }

    public ExperimentSpec load(Path file, List<String> overrides) {
        return load(parse(file), file, overrides);
    }

    /**
     * Validates an experiment already parsed (a run folder's or a checkpoint's configuration, possibly edited);
     * {@code file} names it in messages and gives its default name.
     */
    public ExperimentSpec load(Config parsed, Path file, List<String> overrides) {
        SettingsReader r = new SettingsReader();
        Config user = layered(parsed, overrides, file, r);
        for (String key : user.root().keySet()) {
            if (!TOP_LEVEL.contains(key)) {
                r.add(user, key, "is not an experiment setting; the sections are " + String.join(", ", TOP_LEVEL));
            }
        }
        Config defaults = runtimeDefaults();
        Config withDefaults = user.withFallback(defaults.withOnlyPath("seed")).withFallback(defaults.withOnlyPath("train"));

        String fileName = file.getFileName().toString().replaceFirst("\\.conf$", "");
        String name = user.hasPath("name") ? r.string(user, "name") : fileName;
        long seed = r.read(withDefaults, "seed", () -> withDefaults.getLong("seed"), 0L);
        if (user.hasPath("train")) {
            Config userTrain = r.read(user, "train", () -> user.getConfig("train"), null);
            if (userTrain != null) {
                UnknownSettings.report(r, userTrain, defaults.getConfig("train"), "train", "train");
            }
        }
        TrainSettings train = train(withDefaults.getConfig("train").withFallback(defaults.getConfig("train")), r.under("train"));

        ComponentSpec data = component(user, "data", ComponentKind.DATA, r);
        ComponentSpec model = component(user, "model", ComponentKind.MODEL, r);
        // without an objective an experiment can be checked and sampled (an analytic model) but not trained
        Optional<ComponentSpec> objective = user.hasPath("objective")
                ? Optional.ofNullable(component(user, "objective", ComponentKind.OBJECTIVE, r)) : Optional.empty();
        Optional<ComponentSpec> sampler = user.hasPath("sampler")
                ? Optional.ofNullable(component(user, "sampler", ComponentKind.SAMPLER, r)) : Optional.empty();
        List<ComponentSpec> evaluators = new ArrayList<>();
        if (user.hasPath("evaluators")) {
            List<? extends Config> list = r.read(user, "evaluators", () -> user.getConfigList("evaluators"), List.of());
            for (int i = 0; i < list.size(); i++) {
                Config wrapped = ConfigFactory.empty().withValue("e", list.get(i).root());
                ComponentSpec spec = component(wrapped, "e", ComponentKind.EVALUATOR, r, "evaluators[" + i + "]");
                if (spec != null) {
                    evaluators.add(spec);
                }
            }
        }
        r.throwIfAny();

        Config resolved = ConfigFactory.empty()
                .withValue("name", ConfigValueFactory.fromAnyRef(name))
                .withValue("seed", ConfigValueFactory.fromAnyRef(seed))
                .withValue("train", withDefaults.getConfig("train").withFallback(defaults.getConfig("train")).root())
                .withValue("data", full(data)).withValue("model", full(model));
        if (objective.isPresent()) {
            resolved = resolved.withValue("objective", full(objective.get()));
        }
        if (sampler.isPresent()) {
            resolved = resolved.withValue("sampler", full(sampler.get()));
        }
        resolved = resolved.withValue("evaluators", ConfigValueFactory.fromIterable(evaluators.stream().map(e -> full(e).unwrapped()).toList()));
        return new ExperimentSpec(name, file, seed, train, data, model, objective, sampler, List.copyOf(evaluators), resolved);
    }

    private static Config layered(Config fileConfig, List<String> overrides, Path file, SettingsReader r) {
        Config user = fileConfig;
        for (String o : overrides) {
            int eq = o.indexOf('=');
            if (eq <= 0) {
                r.add("--set " + o, "command line", "must look like key=value");
                continue;
            }
            try {
                user = ConfigFactory.parseString(o.substring(0, eq).trim() + " = " + o.substring(eq + 1),
                        ConfigParseOptions.defaults().setOriginDescription("--set " + o)).withFallback(user);
            } catch (com.typesafe.config.ConfigException e) {
                r.add("--set " + o, "command line", "is not valid HOCON: " + e.getMessage());
            }
        }
        try {
            user = user.resolve();
        } catch (com.typesafe.config.ConfigException e) {
            r.add("(substitution)", file.toString(), e.getMessage());
            r.throwIfAny();
        }
        return user;
    }

    /** Renders a resolved experiment as the HOCON a run folder keeps. */
    public static String render(Config resolved) {
        return resolved.root().render(ConfigRenderOptions.defaults().setOriginComments(false).setJson(false));
    }

    private static ConfigValue full(ComponentSpec spec) {
        return spec.settings().withValue("type", ConfigValueFactory.fromAnyRef(spec.type())).root();
    }

    /** Parses an experiment file; a missing file or a syntax error is a {@link ConfigException}. */
    public static Config parse(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("(experiment file)", file.toString(), "no such file");
        }
        try {
            return ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
        } catch (com.typesafe.config.ConfigException.Parse e) {
            String where = e.origin() != null ? ExperimentLoader.describe(e.origin()) : file.toString();
            throw new ConfigException("(syntax)", where, e.getMessage().replaceFirst("^.*?: \\d+: ", ""));
        } catch (com.typesafe.config.ConfigException e) {
            throw new ConfigException("(experiment file)", file.toString(), e.getMessage());
        }
    }

    private static String describe(com.typesafe.config.ConfigOrigin origin) {
        return origin.lineNumber() > 0 ? origin.filename() + ": " + origin.lineNumber() : origin.description();
    }

    private static TrainSettings train(Config t, SettingsReader r) {
        long steps = r.longAtLeast(t, "steps", 0);
        int batch = r.intAtLeast(t, "batch-size", 1);
        long logEvery = r.longAtLeast(t, "log-every", 1);
        long checkpointEvery = r.longAtLeast(t, "checkpoint-every", 0);
        long evalEvery = r.longAtLeast(t, "eval-every", 0);
        Config o = t.getConfig("optimizer");
        SettingsReader or = r.under("optimizer");
        String type = or.string(o, "type");
        double rate = or.nonNegativeDouble(o, "learning-rate");
        Map<String, Double> options = new HashMap<>();
        Config opts = or.read(o, "options", () -> o.getConfig("options"), ConfigFactory.empty());
        for (String k : opts.root().keySet()) {
            options.put(k, or.finiteDouble(opts, k));
        }
        Config s = or.read(o, "schedule", () -> o.getConfig("schedule"), ConfigFactory.parseString("type = fixed"));
        Map<String, Double> scheduleOptions = new HashMap<>();
        for (String k : s.root().keySet()) {
            if (!k.equals("type")) {
                scheduleOptions.put(k, or.finiteDouble(s, k));
            }
        }
        OptimizerSpec spec = null;
        try {
            spec = new OptimizerSpec(type, rate, options, new ScheduleSpec(or.string(s, "type"), scheduleOptions),
                    or.nonNegativeDouble(o, "weight-decay"), or.nonNegativeDouble(o, "clip-norm"));
            org.ebm4j.api.optim.Optimizers.updater(spec); // validates names and options now, not at step 1
        } catch (IllegalArgumentException e) {
            or.add(o, "type", e.getMessage());
        }
        return new TrainSettings(steps, batch, logEvery, checkpointEvery, evalEvery, spec, earlyStopping(t, r));
    }

    private static EarlyStopping earlyStopping(Config t, SettingsReader r) {
        Config e = t.getConfig("early-stopping");
        SettingsReader er = r.under("early-stopping");
        boolean enabled = er.bool(e, "enabled");
        double fraction = er.positiveDouble(e, "validation-fraction");
        if (fraction >= 1) {
            er.add(e, "validation-fraction", "must be below 1 (a fraction of the training rows), got " + fraction);
        }
        return new EarlyStopping(enabled, fraction, er.longAtLeast(e, "every", 1), er.intAtLeast(e, "patience", 1),
                er.nonNegativeDouble(e, "min-delta"));
    }

    private ComponentSpec component(Config user, String path, ComponentKind kind, SettingsReader r) {
        return component(user, path, kind, r, path);
    }

    private ComponentSpec component(Config user, String path, ComponentKind kind, SettingsReader r, String shownPath) {
        if (!user.hasPath(path)) {
            r.add(shownPath, SettingsReader.originOf(user, path), "is missing: name a " + kind.key() + " with " + shownPath + ".type; available: "
                    + String.join(", ", registry.names(kind)));
            return null;
        }
        Config section = r.read(user, path, () -> user.getConfig(path), null);
        if (section == null) {
            return null;
        }
        if (!section.hasPath("type")) {
            r.add(shownPath + ".type", SettingsReader.originOf(user, path), "is missing; available " + kind.key() + "s: "
                    + String.join(", ", registry.names(kind)));
            return null;
        }
        String type = r.string(section, "type");
        RegisteredProvider provider;
        try {
            provider = registry.provider(kind, type);
        } catch (UnknownComponentException e) {
            r.add(shownPath + ".type", SettingsReader.originOf(section, "type"), e.getMessage());
            return null;
        }
        Config defaults = defaultsOf(provider);
        Config own = section.withoutPath("type");
        UnknownSettings.report(r, own, defaults, shownPath, kind.key() + " '" + type + "'");
        return new ComponentSpec(kind, type, shownPath, provider, own.withFallback(defaults));
    }

    /** The defaults {@code ebm.<kind>.<name>} from the provider's own plugin's {@code reference.conf}. */
    public Config defaultsOf(RegisteredProvider provider) {
        Config all = pluginDefaults.computeIfAbsent(provider.classLoader(), ExperimentLoader::ownReference);
        String path = provider.kind().defaultsPath(provider.provider().name());
        return all.hasPath(path) ? all.getConfig(path) : ConfigFactory.empty();
    }

    /**
     * Only the plugin's own file: {@code getResource} would fall through to the host's, and merging those
     * lets a host default silently override a plugin's (ND4J-NOTES).
     */
    private static Config ownReference(ClassLoader loader) {
        URL url = loader instanceof URLClassLoader u ? u.findResource("reference.conf") : loader.getResource("reference.conf");
        if (url == null) {
            return ConfigFactory.empty();
        }
        try {
            return ConfigFactory.parseURL(url).resolve();
        } catch (com.typesafe.config.ConfigException e) {
            throw new ConfigException("(reference.conf)", url.toString(), e.getMessage());
        }
    }
}
