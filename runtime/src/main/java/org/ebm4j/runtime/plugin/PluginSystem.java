package org.ebm4j.runtime.plugin;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.ebm4j.api.SpiVersion;
import org.ebm4j.api.component.ComponentKind;
import org.ebm4j.api.component.ComponentProvider;
import org.pf4j.ClassLoadingStrategy;
import org.pf4j.DefaultPluginManager;
import org.pf4j.ExtensionFactory;
import org.pf4j.JarPluginLoader;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginLoader;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugins of one process: every jar in a folder loaded with PF4J, checked, started, and its providers bound
 * in Guice ({@link ComponentsModule}). A jar that is corrupt, has no descriptor, repeats another jar's Plugin-Id,
 * needs a newer SPI, bundles a library the host provides, or fails while starting is recorded as a
 * {@link PluginFailure} with its reason; the others load. Name clashes between plugins are {@link NameConflict}s:
 * the built-in plugins ({@code ebm.runtime.built-in-plugins}) keep their names.
 */
public final class PluginSystem implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PluginSystem.class);

    /** Packages a plugin must take from the host: bundling them breaks class identity (and native loading). */
    private static final List<String> HOST_PACKAGES = List.of(
            "org/ebm4j/api/", "org/ebm4j/plots/", "org/nd4j/", "org/pf4j/", "com/google/inject/", "com/typesafe/config/", "org/slf4j/");

    private static final org.pf4j.PluginDescriptorFinder DESCRIPTORS = new org.pf4j.CompoundPluginDescriptorFinder()
            .add(new org.pf4j.ManifestPluginDescriptorFinder()).add(new org.pf4j.PropertiesPluginDescriptorFinder());

    private final PluginManager manager;
    private final List<PluginInfo> plugins;
    private final List<PluginFailure> failures;
    private final Injector injector;

    private PluginSystem(PluginManager manager, List<PluginInfo> plugins, List<PluginFailure> failures, Injector injector) {
        this.manager = manager;
        this.plugins = List.copyOf(plugins);
        this.failures = List.copyOf(failures);
        this.injector = injector;
    }

    /** Loads every {@code *.jar} in {@code folder} (a missing folder means no plugins), plus classpath extensions. */
    public static PluginSystem load(Path folder) {
        return load(List.of(folder), builtInPlugins());
    }

    /** Loads every {@code *.jar} of each folder in turn (a missing folder adds none), plus classpath extensions. */
    public static PluginSystem load(List<Path> folders) {
        return load(folders, builtInPlugins());
    }

    /** The ids of the plugins that ship with ebm4j: their component names win a clash. */
    public static Set<String> builtInPlugins() {
        return Set.copyOf(org.ebm4j.runtime.config.RuntimeDefaults.load().getStringList("built-in"));
    }

    static PluginSystem load(Path folder, Set<String> builtIn) {
        return load(List.of(folder), builtIn);
    }

    static PluginSystem load(List<Path> folders, Set<String> builtIn) {
        List<PluginFailure> failures = new ArrayList<>();
        // creates the providers (PF4J's extensions); the components module then binds them in a child injector
        Injector base = Guice.createInjector(Stage.PRODUCTION, binder -> binder.disableCircularProxies());
        DefaultPluginManager manager = new DefaultPluginManager(folders) {
            @Override
            protected PluginLoader createPluginLoader() {
                // application first: a plugin can never shadow the SPI or ND4J with its own copy
                return new JarPluginLoader(this) {
                    @Override
                    public ClassLoader loadPlugin(Path pluginPath, PluginDescriptor descriptor) {
                        PluginClassLoader loader = new PluginClassLoader(pluginManager, descriptor,
                                getClass().getClassLoader(), ClassLoadingStrategy.APD);
                        loader.addFile(pluginPath.toFile());
                        return loader;
                    }
                };
            }

            @Override
            protected ExtensionFactory createExtensionFactory() {
                return base::getInstance; // extensions are built by Guice
            }
        };
        manager.setSystemVersion(SpiVersion.current());

        for (Path jar : folders.stream().flatMap(f -> jars(f).stream()).toList()) {
            String bundled = bundledHostPackage(jar, failures);
            if (bundled == null) {
                continue; // unreadable: already recorded
            }
            if (!bundled.isEmpty()) {
                failures.add(new PluginFailure(jar, "it bundles " + bundled.replace('/', '.')
                        + "; the SPI, ND4J, PF4J, Guice, Config and SLF4J must be 'provided' dependencies of a plugin"));
                continue;
            }
            String missing = descriptorProblem(jar);
            if (missing != null) {
                failures.add(new PluginFailure(jar, missing));
                continue;
            }
            String taken = takenId(manager, jar);
            if (taken != null) {
                failures.add(new PluginFailure(jar, "its Plugin-Id '" + taken + "' is already taken by "
                        + manager.getPlugin(taken).getPluginPath().getFileName() + ", which is loaded instead; remove one of the two jars"));
                continue;
            }
            try {
                manager.loadPlugin(jar);
            } catch (RuntimeException e) {
                failures.add(new PluginFailure(jar, reason(e)));
            }
        }
        for (PluginWrapper p : new ArrayList<>(manager.getPlugins())) {
            if (p.getPluginState() == PluginState.DISABLED) {
                String requires = p.getDescriptor().getRequires();
                failures.add(new PluginFailure(p.getPluginPath(), "it requires ebm4j SPI " + requires
                        + ", but this is SPI " + SpiVersion.current()));
                manager.unloadPlugin(p.getPluginId());
            }
        }
        manager.startPlugins();
        List<PluginInfo> infos = new ArrayList<>();
        for (PluginWrapper p : new ArrayList<>(manager.getPlugins())) {
            if (p.getPluginState() == PluginState.FAILED) {
                failures.add(new PluginFailure(p.getPluginPath(), "it failed to start: " + reason(p.getFailedException())));
                continue;
            }
            PluginDescriptor d = p.getDescriptor();
            infos.add(new PluginInfo(d.getPluginId(), d.getVersion(), p.getPluginState().toString(), d.getProvider(), p.getPluginPath()));
        }
        missingExtensions(manager, failures);
        Injector components = base.createChildInjector(
                new ComponentsModule(collect(manager, base, failures), builtIn), new org.ebm4j.runtime.wiring.RuntimeModule());
        for (PluginFailure f : failures) {
            LOG.debug("Plugin {} not loaded: {}", f.jar().getFileName(), f.reason());
        }
        return new PluginSystem(manager, infos, failures, components);
    }

    /** Why the jar has no usable descriptor (a Plugin-Id in its manifest or plugin.properties), or null if it has one. */
    private static String descriptorProblem(Path jar) {
        try {
            PluginDescriptor d = DESCRIPTORS.find(jar);
            if (d == null || d.getPluginId() == null || d.getPluginId().isBlank()) {
                return "it has no plugin descriptor: a Plugin-Id (and Plugin-Version) in META-INF/MANIFEST.MF or plugin.properties";
            }
            if (d.getVersion() == null || d.getVersion().isBlank()) {
                return "its descriptor has no Plugin-Version";
            }
            return null;
        } catch (RuntimeException e) {
            return "it has no readable plugin descriptor (" + reason(e) + ")";
        }
    }

    /**
     * Classes a started plugin's {@code META-INF/extensions.idx} names but its jar does not hold (PF4J skips them with
     * only a log line): each is reported, so a half-built plugin does not silently lose components.
     */
    private static void missingExtensions(PluginManager manager, List<PluginFailure> failures) {
        for (PluginWrapper p : manager.getStartedPlugins()) {
            Path jar = p.getPluginPath();
            List<String> listed = new ArrayList<>();
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                ZipEntry idx = zip.getEntry("META-INF/extensions.idx");
                if (idx == null) {
                    continue;
                }
                try (var in = zip.getInputStream(idx)) {
                    new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().map(String::strip)
                            .filter(l -> !l.isEmpty() && !l.startsWith("#")).forEach(listed::add);
                }
            } catch (IOException e) {
                continue; // unreadable jars are reported when loaded
            }
            for (String cls : listed) {
                try {
                    Class.forName(cls, false, p.getPluginClassLoader());
                } catch (ClassNotFoundException | LinkageError e) {
                    failures.add(new PluginFailure(jar, "its META-INF/extensions.idx names " + cls + ", which cannot be loaded ("
                            + e.getClass().getSimpleName() + "); rebuild the plugin"));
                }
            }
        }
    }

    /** The jar's Plugin-Id if a loaded plugin already has it, else null (also when it has no readable descriptor). */
    private static String takenId(PluginManager manager, Path jar) {
        try {
            String id = DESCRIPTORS.find(jar).getPluginId();
            return id != null && manager.getPlugin(id) != null ? id : null;
        } catch (RuntimeException e) {
            return null; // PF4J's own load reports what is wrong with the descriptor
        }
    }

    private static List<Path> jars(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new org.ebm4j.api.EbmException("Cannot list the plugins folder " + folder + ": " + e.getMessage(), e);
        }
    }

    /** The first host package the jar bundles, "" if none, null if the jar cannot be read (recorded). */
    private static String bundledHostPackage(Path jar, List<PluginFailure> failures) {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                String name = entries.nextElement().getName();
                for (String pkg : HOST_PACKAGES) {
                    if (name.startsWith(pkg) && name.endsWith(".class")) {
                        return pkg;
                    }
                }
            }
            return "";
        } catch (IOException e) {
            failures.add(new PluginFailure(jar, "it is not a readable jar (" + e.getMessage() + ")"));
            return null;
        }
    }

    /** Every provider of every kind: classpath extensions first, then each started plugin's. */
    private static List<Contribution> collect(PluginManager manager, Injector injector, List<PluginFailure> failures) {
        List<Contribution> found = new ArrayList<>();
        List<String> owners = new ArrayList<>();
        owners.add(null); // the application's own classpath
        for (PluginWrapper p : manager.getStartedPlugins()) {
            owners.add(p.getPluginId());
        }
        for (String owner : owners) {
            PluginWrapper wrapper = owner == null ? null : manager.getPlugin(owner);
            for (ComponentKind kind : ComponentKind.values()) {
                Class<? extends ComponentProvider<?>> type = ComponentKinds.providerType(kind);
                for (Class<?> cls : manager.getExtensionClasses(type, owner)) {
                    try {
                        ComponentProvider<?> provider = withinTimeout(() -> {
                            ComponentProvider<?> p = (ComponentProvider<?>) injector.getInstance(cls);
                            p.name();
                            p.description();
                            return p;
                        });
                        String name = provider.name();
                        if (name == null || !name.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
                            throw new IllegalStateException("its name() '" + name + "' is not lower-case words joined by '-'");
                        }
                        found.add(owner == null ? Contribution.classpath(kind, provider)
                                : new Contribution(kind, provider, owner, wrapper.getPluginPath()));
                    } catch (RuntimeException | LinkageError e) {
                        Path jar = wrapper == null ? Path.of("(classpath)") : wrapper.getPluginPath();
                        failures.add(new PluginFailure(jar, "its " + kind.key() + " provider " + cls.getName()
                                + " could not be created: " + reason(e)));
                    }
                }
            }
        }
        return found;
    }

    /** How long a provider may take to be created (and name itself): a blocking one must not hang every command. */
    static final long PROVIDER_TIMEOUT_SECONDS = Long.getLong("ebm.plugin-timeout-seconds", 20);

    /**
     * Runs {@code work} on a daemon thread, waiting at most {@link #PROVIDER_TIMEOUT_SECONDS}; a provider still blocked
     * then is reported and left behind (its thread cannot keep the process alive).
     */
    private static <T> T withinTimeout(java.util.concurrent.Callable<T> work) {
        java.util.concurrent.FutureTask<T> task = new java.util.concurrent.FutureTask<>(work);
        Thread t = new Thread(task, "ebm-plugin-provider");
        t.setDaemon(true);
        t.setContextClassLoader(Thread.currentThread().getContextClassLoader());
        t.start();
        try {
            return task.get(PROVIDER_TIMEOUT_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            t.interrupt();
            throw new IllegalStateException("it did not finish being created within " + PROVIDER_TIMEOUT_SECONDS + " s (it blocks in "
                    + "its constructor or name()); skipped");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while it was being created");
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) {
                throw r;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(c);
        }
    }

    private static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String msg = root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
        return root == e ? msg : msg + " (" + root.getClass().getSimpleName() + ")";
    }

    public List<PluginInfo> plugins() {
        return plugins;
    }

    public List<PluginFailure> failures() {
        return failures;
    }

    /** The injector that holds the providers: the root of every experiment's injector. */
    public Injector injector() {
        return injector;
    }

    public Components components() {
        return injector.getInstance(Components.class);
    }

    @Override
    public void close() {
        try {
            manager.stopPlugins();
            manager.unloadPlugins();
        } catch (RuntimeException e) {
            LOG.debug("Error while unloading plugins", e);
        }
    }
}
