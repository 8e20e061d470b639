package org.ebm4j.runtime.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import org.ebm4j.api.ConfigException;
import org.ebm4j.api.EbmException;
import org.ebm4j.api.SpiVersion;
import org.ebm4j.api.UnknownComponentException;
import org.ebm4j.runtime.config.UsageException;
import org.ebm4j.runtime.plugin.PluginSystem;
import org.ebm4j.runtime.training.Interruption;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ebm}: run, resume and inspect experiments. Exit codes: 0 ok, 1 failure (including a diverged run),
 * 2 bad usage or configuration.
 */
@Command(name = "ebm", mixinStandardHelpOptions = true, versionProvider = EbmCommand.Version.class,
        description = "Train, sample and evaluate energy-based models.",
        subcommands = {RunCommand.class, CheckCommand.class, ResumeCommand.class, SampleCommand.class, EvaluateCommand.class,
                PluginsCommand.class, DescribeCommand.class, CompareCommand.class, SweepCommand.class})
public final class EbmCommand implements Runnable {

    public static final int OK = 0;
    public static final int FAILURE = 1;
    public static final int BAD_CONFIGURATION = 2;

    @Option(names = "--plugins", paramLabel = "DIR", scope = CommandLine.ScopeType.INHERIT,
            description = "A folder of plugin jars to load as well as the default one (repeatable; before or after the command).")
    java.util.List<Path> plugins = new java.util.ArrayList<>();

    @Option(names = "--plugins-only", scope = CommandLine.ScopeType.INHERIT,
            description = "Load only the --plugins folders, not the default one (-Debm.plugins, else the distribution's plugins/, else ./plugins).")
    boolean pluginsOnly;

    PrintStream out = System.out;
    PrintStream err = System.err;

    @Override
    public void run() {
        new CommandLine(this).usage(out);
    }

    /**
     * The plugin folders this invocation loads, in order: the default one (unless {@code --plugins-only}), then each
     * {@code --plugins} folder; one named explicitly must be an existing folder.
     */
    java.util.List<Path> pluginFolders() {
        java.util.List<Path> folders = new java.util.ArrayList<>();
        if (!pluginsOnly) {
            folders.add(defaultPluginsFolder());
        } else if (plugins.isEmpty()) {
            throw new UsageException("--plugins-only needs at least one --plugins DIR");
        }
        for (Path p : plugins) {
            Path folder = existing(p, "--plugins", "command line");
            if (folders.stream().noneMatch(f -> f.toAbsolutePath().normalize().equals(folder.toAbsolutePath().normalize()))) {
                folders.add(folder);
            }
        }
        return folders;
    }

    private static Path defaultPluginsFolder() {
        String property = System.getProperty("ebm.plugins");
        if (property != null && !property.isBlank()) {
            return existing(Path.of(property), "-Debm.plugins", "system property");
        }
        String home = System.getProperty("ebm.home");
        return home != null ? Path.of(home, "plugins") : Path.of("plugins");
    }

    private static Path existing(Path folder, String key, String origin) {
        if (!java.nio.file.Files.isDirectory(folder)) {
            throw new ConfigException(key, origin, (java.nio.file.Files.exists(folder) ? "is a file, not a folder: " : "no such folder: ")
                    + folder.toAbsolutePath() + " (the folder of plugin jars)");
        }
        return folder;
    }

    /**
     * Loads the plugins and reports, on stderr, broken jars (they never stop the others) and names several plugins
     * register. Every command that loads plugins goes through here, so they all say the same.
     */
    PluginSystem loadPlugins() {
        PluginSystem system = PluginSystem.load(pluginFolders());
        system.failures().forEach(f -> err.println("warning: plugin " + f + "; the other plugins are loaded"));
        system.components().conflicts().forEach(c -> err.println("warning: " + c.describe()));
        return system;
    }

    public static void main(String[] args) {
        Interruption.install();
        // Plugins are trusted code, but one that calls System.exit must not pass for a successful run.
        java.util.concurrent.atomic.AtomicBoolean finished = new java.util.concurrent.atomic.AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (!finished.get()) {
                System.err.println("error: the process is being ended before ebm finished: a plugin called System.exit, or a "
                        + "signal ended it; the command did not complete");
                Runtime.getRuntime().halt(FAILURE);
            }
        }, "ebm-unfinished"));
        int code = execute(args, System.out, System.err);
        finished.set(true);
        System.exit(code);
    }

    /** Runs {@code args} with output to the given streams; returns the exit code. */
    public static int execute(String[] args, PrintStream out, PrintStream err) {
        EbmCommand root = new EbmCommand();
        root.out = out;
        root.err = err;
        CommandLine cli = new CommandLine(root);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String unknown = unknownCommand(args, cli);
        if (unknown != null) {
            err.println("Unknown command '" + unknown + "'; the commands are " + String.join(", ", cli.getSubcommands().keySet())
                    + " (ebm --help)");
            return BAD_CONFIGURATION;
        }
        cli.setExecutionExceptionHandler((thrown, line, parsed) -> {
            Exception e = thrown;
            for (Throwable t = thrown; t != null; t = t.getCause()) {
                if (t instanceof EbmException ebm) {
                    e = ebm; // whatever wrapped it (Guice does), the message is ebm4j's
                    break;
                }
            }
            if (e instanceof ConfigException || e instanceof UnknownComponentException) {
                err.println(e.getMessage());
                return BAD_CONFIGURATION;
            }
            if (e instanceof UsageException) {
                err.println("error: " + e.getMessage());
                return BAD_CONFIGURATION;
            }
            if (e instanceof EbmException) {
                err.println("error: " + e.getMessage());
                return FAILURE;
            }
            CrashReport.write(thrown, args, err);
            return FAILURE;
        });
        return cli.execute(args);
    }

    /** The first word that should be a command and is not one (picocli would print the main help for it with --help). */
    private static String unknownCommand(String[] args, CommandLine cli) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--plugins")) {
                i++;
            } else if (a.startsWith("-")) {
                if (!a.startsWith("--plugins=") && !a.equals("--plugins-only")) {
                    return null; // a root option such as --help or --version
                }
            } else {
                return cli.getSubcommands().containsKey(a) ? null : a;
            }
        }
        return null;
    }

    /** {@code ebm --version}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"ebm4j " + SpiVersion.current() + " (SPI " + SpiVersion.current() + ", ND4J 1.0.0-M2.1, Java " + Runtime.version() + ")"};
        }
    }
}
