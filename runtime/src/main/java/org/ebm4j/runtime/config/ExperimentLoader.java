package org.ebm4j.runtime.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValueFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ebm4j.api.ConfigException;
import org.ebm4j.api.component.ComponentKind;
import org.ebm4j.api.component.SettingsReader;
import org.ebm4j.api.optim.OptimizerSpec;
import org.ebm4j.api.optim.ScheduleSpec;

/**
 * Reads an experiment file into an {@link ExperimentSpec}. Layers, strongest first: {@code --set key=value}
 * overrides, the experiment file, each component's plugin defaults (through the one {@link ComponentResolver}), the
 * runtime's defaults. Every problem is collected and reported at once, each with its full key and file.
 */
public final class ExperimentLoader {

    /** The top-level sections of an experiment. */
    public static final List<String> TOP_LEVEL = List.of("name", "seed", "data", "model", "objective", "sampler",
            "evaluators", "listeners", "train");
    /** Groups of {@code train} whose keys depend on a type: checked by the optimiser, not against the defaults. */
    private static final Set<String> FREE_FORM_TRAIN = Set.of("optimizer.options", "optimizer.schedule");

    private final ComponentResolver resolver;

    @com.google.inject.Inject
    public ExperimentLoader(ComponentResolver resolver) {
        this.resolver = resolver;
    }

    public ComponentResolver resolver() {
        return resolver;
    }

    /** The runtime's own defaults of {@code seed} and {@code train}. */
    public static Config runtimeDefaults() {
        return RuntimeDefaults.experiment();
    }

    public ExperimentSpec load(Path file, List<String> overrides) {
        return load(withAbsolutePaths(parse(file), file), file, overrides);
    }

    /**
     * Settings named {@code path} or {@code *-path} are files: a relative one is resolved against the folder of the
     * file that sets it (an included file's own folder), not the current directory, so an experiment runs the same
     * from anywhere; the run folder then keeps the absolute path, and resuming does not depend on where it is run.
     * Values set with {@code --set} stay relative to the current directory.
     */
    static Config withAbsolutePaths(Config parsed, Path file) {
        return absolutePaths(parsed, parsed.root(), List.of(), file);
    }

    private static Config absolutePaths(Config out, com.typesafe.config.ConfigObject object, List<String> at, Path file) {
        for (Map.Entry<String, com.typesafe.config.ConfigValue> e : object.entrySet()) {
            List<String> keys = new java.util.ArrayList<>(at);
            keys.add(e.getKey());
            com.typesafe.config.ConfigValue value = e.getValue();
            com.typesafe.config.ConfigValueType type;
            try {
                type = value.valueType();
            } catch (com.typesafe.config.ConfigException.NotResolved unresolved) {
                continue; // a substitution: its target is resolved where it is declared
            }
            if (type == com.typesafe.config.ConfigValueType.OBJECT) {
                out = absolutePaths(out, (com.typesafe.config.ConfigObject) value, keys, file);
                continue;
            }
            String last = e.getKey();
            if ((!last.equals("path") && !last.endsWith("-path")) || type != com.typesafe.config.ConfigValueType.STRING) {
                continue;
            }
            String text = (String) value.unwrapped();
            if (text.isBlank() || Path.of(text).isAbsolute()) {
                continue;
            }
            String origin = value.origin().filename();
            Path base = (origin != null ? Path.of(origin) : file).toAbsolutePath().getParent();
            String absolute = base.resolve(text).normalize().toString();
            out = out.withValue(ConfigUtil.joinPath(keys), ConfigValueFactory.fromAnyRef(absolute).withOrigin(value.origin()));
        }
        return out;
    }

    /**
     * Validates an experiment already parsed (a run folder's or a checkpoint's configuration, possibly edited);
     * {@code file} names it in messages and gives its default name.
     */
    public ExperimentSpec load(Config parsed, Path file, List<String> overrides) {
        SettingsReader r = new SettingsReader();
        Config user = layered(parsed, overrides, r);
        for (String key : user.root().keySet()) {
            if (!TOP_LEVEL.contains(key)) {
                r.add(user, ConfigUtil.joinPath(key), "is not an experiment setting; the sections are " + String.join(", ", TOP_LEVEL));
            }
        }
        Config defaults = runtimeDefaults();
        ComponentResolver.Resolution resolution = resolver.resolve(user, defaults, r);
        Config doc = resolution.document();
        if (!doc.isResolved()) {
            r.throwIfAny(); // a substitution failed: nothing below can be read
        }
        Map<String, ComponentSpec> components = resolution.components();
        for (String section : List.of("data", "model")) {
            if (!doc.hasPathOrNull(section) || doc.getIsNull(section)) {
                ComponentKind kind = ComponentResolver.SECTIONS.get(section);
                r.add(section, SettingsReader.originOf(user, section), "is missing: name a " + kind.key() + " with "
                        + section + ".type; available: " + String.join(", ", resolver.components().names(kind)));
            }
        }
        for (String list : ComponentResolver.LISTS.keySet()) {
            if (doc.hasPath(list) && doc.getValue(list).valueType() != com.typesafe.config.ConfigValueType.LIST) {
                r.add(user, list, "must be a list of sections, e.g. " + list + " = [ { type = ... } ]");
            }
        }
        String name = doc.hasPath("name") ? runName(r, doc) : safeName(file.getFileName().toString().replaceFirst("\\.conf$", ""));
        long seed = r.longInRange(doc, "seed", Long.MIN_VALUE, Long.MAX_VALUE);
        TrainSettings train = null;
        if (doc.hasPath("train") && doc.getValue("train").valueType() == com.typesafe.config.ConfigValueType.OBJECT) {
            Config t = doc.getConfig("train");
            UnknownSettings.report(r, t, defaults.getConfig("train"), "train", "train", Set.of(), FREE_FORM_TRAIN);
            train = train(t, r.under("train"));
        } else {
            r.add(doc, "train", "must be a section of training settings (bin/ebm describe train)");
        }
        r.throwIfAny();
        Config resolved = doc.withValue("name", ConfigValueFactory.fromAnyRef(name)).withValue("seed", ConfigValueFactory.fromAnyRef(seed));
        for (String section : List.of("objective", "sampler")) {
            if (resolved.hasPathOrNull(section) && resolved.getIsNull(section)) {
                resolved = resolved.withoutPath(section); // removed with `section = null`
            }
        }
        return new ExperimentSpec(name, file, seed, train, components, resolved);
    }

    /** Letters, digits, '.', '_' and '-', not starting with a dot: a name that is one folder, inside --out, on any OS. */
    private static final java.util.regex.Pattern RUN_NAME = java.util.regex.Pattern.compile("[\\p{L}\\p{N}_\\-][\\p{L}\\p{N}._\\-]{0,99}");

    /** An experiment's {@code name}: it becomes a folder under {@code --out}, so it must be one plain folder name. */
    private static String runName(SettingsReader r, Config doc) {
        String name = r.string(doc, "name");
        if (!RUN_NAME.matcher(name).matches()) {
            r.add(doc, "name", "must be a plain folder name (letters, digits, '.', '_', '-'; not starting with '.'; at most 100 "
                    + "characters), got '" + name.replaceAll("\\p{Cntrl}", "?") + "': it names the run's folder under --out");
            return "invalid";
        }
        return name;
    }

    /** A file name made into a run name: anything not allowed in one becomes '-'. */
    static String safeName(String fileName) {
        String s = fileName.replaceAll("[^\\p{L}\\p{N}._\\-]", "-").replaceFirst("^\\.+", "");
        s = s.length() > 100 ? s.substring(0, 100) : s;
        return s.isEmpty() ? "experiment" : s;
    }

    /** The file with the {@code --set} overrides over it, unresolved: substitutions wait for the plugins' defaults. */
    private static Config layered(Config fileConfig, List<String> overrides, SettingsReader r) {
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
        return user;
    }

    /** Renders a resolved experiment as the HOCON a run folder keeps. */
    public static String render(Config resolved) {
        return resolved.root().render(ConfigRenderOptions.defaults().setOriginComments(false).setJson(false));
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

    /**
     * Parses a configuration ebm4j stored (a run's {@code config.conf}): it was written resolved, so a substitution in
     * it was put there by hand or by someone else, and it is refused rather than resolved against this environment.
     */
    public static Config parseStored(Path file) {
        Config c = parse(file);
        if (!c.isResolved()) {
            throw new ConfigException("(stored configuration)", file.toString(), "contains substitutions (${...}); ebm4j stores "
                    + "a run's configuration resolved, and does not resolve one it finds edited against this environment: "
                    + "write values instead");
        }
        return c;
    }

    private static String describe(com.typesafe.config.ConfigOrigin origin) {
        return origin.lineNumber() > 0 ? origin.filename() + ": " + origin.lineNumber() : origin.description();
    }

    private static TrainSettings train(Config t, SettingsReader r) {
        long steps = r.longAtLeast(t, "steps", 0);
        int batch = r.intAtLeast(t, "batch-size", 1);
        long logEvery = r.longAtLeast(t, "log-every", 1);
        long checkpointEvery = r.longAtLeast(t, "checkpoint-every", 0);
        int keepCheckpoints = r.intAtLeast(t, "keep-checkpoints", 0);
        long evalEvery = r.longAtLeast(t, "eval-every", 0);
        Config o = r.read(t, "optimizer", () -> t.getConfig("optimizer"), null);
        if (o == null) {
            return null;
        }
        SettingsReader or = r.under("optimizer");
        String type = or.string(o, "type");
        double rate = or.nonNegativeDouble(o, "learning-rate");
        Map<String, Double> options = new java.util.LinkedHashMap<>();
        Config opts = or.read(o, "options", () -> o.getConfig("options"), ConfigFactory.empty());
        for (String k : opts.root().keySet()) {
            options.put(k, or.finiteDouble(opts, k));
        }
        Config s = or.read(o, "schedule", () -> o.getConfig("schedule"), ConfigFactory.parseString("type = fixed"));
        Map<String, Double> scheduleOptions = new java.util.LinkedHashMap<>();
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
        return new TrainSettings(steps, batch, logEvery, checkpointEvery, keepCheckpoints, evalEvery, spec, earlyStopping(t, r));
    }

    private static EarlyStopping earlyStopping(Config t, SettingsReader r) {
        Config e = r.read(t, "early-stopping", () -> t.getConfig("early-stopping"), null);
        if (e == null) {
            return EarlyStopping.off();
        }
        SettingsReader er = r.under("early-stopping");
        boolean enabled = er.bool(e, "enabled");
        double fraction = er.positiveDouble(e, "validation-fraction");
        if (fraction >= 1) {
            er.add(e, "validation-fraction", "must be below 1 (a fraction of the training rows), got " + fraction);
        }
        return new EarlyStopping(enabled, fraction, er.longAtLeast(e, "every", 1), er.intAtLeast(e, "patience", 1),
                er.nonNegativeDouble(e, "min-delta"));
    }
}
