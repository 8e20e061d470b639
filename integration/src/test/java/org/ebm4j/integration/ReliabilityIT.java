package org.ebm4j.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.ebm4j.integration.hostile.BadlyNamedDataProvider;
import org.ebm4j.integration.hostile.BlockingDataProvider;
import org.ebm4j.integration.hostile.ClashingDataProvider;
import org.ebm4j.integration.hostile.ExitingDataProvider;
import org.ebm4j.integration.hostile.FailingDataProvider;
import org.ebm4j.integration.hostile.ThrowingDataProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The process-level half of the reliability suite, through the built distribution's {@code bin/ebm}: kill -9 at
 * random moments (resumed runs end bit for bit as uninterrupted ones), SIGTERM and SIGINT, two processes on one run
 * folder, a full disk, hostile plugin jars, and data files that used to crash the JVM in native code.
 */
class ReliabilityIT {

    static final Path HOME = Path.of(System.getProperty("ebm4j.home", "../distribution/target/ebm4j")).toAbsolutePath().normalize();

    @TempDir
    static Path dir;

    static Path experiment;
    static Map<String, byte[]> reference;
    static Map<String, byte[]> longReference;

    /** A small, quick run that writes a checkpoint every 5 steps: kills often land inside a write. */
    static final String EXPERIMENT = """
            name = quick
            seed = 7
            data { type = toy, dataset = 8gaussians, train-size = 4000, test-size = 500 }
            model { type = mlp, hidden = [32, 32] }
            objective { type = dsm, sigma = 0.1 }
            train { steps = 300, batch-size = 128, log-every = 10, checkpoint-every = 5, keep-checkpoints = 2,
                    optimizer { type = adam, learning-rate = 1e-3 } }
            """;

    @BeforeAll
    static void references() throws Exception {
        experiment = Files.writeString(dir.resolve("quick.conf"), EXPERIMENT);
        Process p = start(dir, "run", experiment.toString(), "--out", dir.resolve("reference").toString());
        Outcome r = finish(p, 5);
        assertThat(r.code()).as(r.output()).isZero();
        reference = arrays(finalCheckpoint(r.runFolder(), 300));
        Outcome longer = finish(start(dir, "run", experiment.toString(), "--set", "train.steps=3000", "--out",
                dir.resolve("reference-long").toString()), 5);
        assertThat(longer.code()).as(longer.output()).isZero();
        longReference = arrays(finalCheckpoint(longer.runFolder(), 3000));
    }

    // ---------------------------------------------------------------------------------------------- processes

    record Outcome(int code, String output, Path log) {
        Path runFolder() {
            return output.lines().filter(l -> l.startsWith("run folder: ")).map(l -> Path.of(l.substring(12).trim()))
                    .reduce((a, b) -> b).orElseThrow(() -> new AssertionError("no run folder in:\n" + output));
        }
    }

    static final Map<Process, Path> LOGS = Collections.synchronizedMap(new java.util.HashMap<>());

    static Process start(Path work, String... args) throws IOException {
        return start(work, Map.of(), args);
    }

    static Process start(Path work, Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(HOME.resolve("bin/ebm").toString());
        command.addAll(List.of(args));
        Path log = Files.createTempFile(work, "ebm", ".log");
        ProcessBuilder b = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        b.environment().putAll(env);
        Process p = b.start();
        LOGS.put(p, log);
        return p;
    }

    static Outcome finish(Process p, int minutes) throws Exception {
        Path log = LOGS.get(p);
        if (!p.waitFor(minutes, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("ebm did not finish in " + minutes + " minutes:\n" + Files.readString(log));
        }
        return new Outcome(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8), log);
    }

    static Outcome ebm(Path work, String... args) throws Exception {
        return finish(start(work, args), 5);
    }

    static Outcome ebm(Path work, Map<String, String> env, String... args) throws Exception {
        return finish(start(work, env, args), 5);
    }

    /** The one run folder under {@code out}, if it was created. */
    static java.util.Optional<Path> runFolder(Path out) throws IOException {
        Path parent = out.resolve("quick");
        if (!Files.isDirectory(parent)) {
            return java.util.Optional.empty();
        }
        try (Stream<Path> s = Files.list(parent)) {
            return s.filter(f -> !f.getFileName().toString().startsWith(".")).findFirst(); // not one still being created
        }
    }

    static Path finalCheckpoint(Path run, long step) {
        return run.resolve("checkpoints").resolve(String.format("step-%09d.ckpt", step));
    }

    /** Every array of a checkpoint (parameters, optimiser and objective state), by entry name. */
    static Map<String, byte[]> arrays(Path checkpoint) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (ZipFile z = new ZipFile(checkpoint.toFile())) {
            for (ZipEntry e : Collections.list(z.entries())) {
                if (e.getName().startsWith("arrays/")) {
                    out.put(e.getName(), z.getInputStream(e).readAllBytes());
                }
            }
        }
        return out;
    }

    static void assertSameArrays(Map<String, byte[]> actual, Map<String, byte[]> expected, String what) {
        assertThat(actual.keySet()).as(what).isEqualTo(expected.keySet());
        expected.forEach((k, v) -> assertThat(actual.get(k)).as(what + ": " + k).isEqualTo(v));
    }

    static void signal(Process p, String name) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(p.pid())).inheritIO().start();
        assertThat(kill.waitFor()).isZero();
    }

    static void awaitTraining(Path out, Process p) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline && p.isAlive()) {
            var run = runFolder(out);
            if (run.isPresent() && Files.isDirectory(run.get().resolve("checkpoints"))) {
                try (Stream<Path> s = Files.list(run.get().resolve("checkpoints"))) {
                    if (s.anyMatch(f -> f.getFileName().toString().endsWith(".ckpt"))) {
                        return;
                    }
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("training did not start:\n" + Files.readString(LOGS.get(p)));
    }

    // ---------------------------------------------------------------------------------------------- kill -9

    /**
     * 20 runs killed with SIGKILL at random moments (from JVM start to the end of training, many inside a checkpoint
     * write: one every 5 steps), each resumed (or re-run, if killed before its folder existed) and compared array for
     * array with the uninterrupted run.
     */
    @Test
    void runsKilledAtRandomMomentsResumeToTheSameBits() throws Exception {
        Random random = new Random(20261201);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<String>> trials = new ArrayList<>();
        for (int t = 0; t < 20; t++) {
            // 5 kills from the start (JVM start-up, data, the run folder being created), 15 once training has begun
            boolean early = t % 4 == 0;
            long delayMs = early ? 500 + random.nextInt(2500) : random.nextInt(1500);
            int trial = t;
            trials.add(pool.submit(() -> killAndResume(trial, early, delayMs)));
        }
        List<String> notes = new ArrayList<>();
        for (Future<String> f : trials) {
            notes.add(f.get(10, TimeUnit.MINUTES));
        }
        pool.shutdown();
        System.out.println("kill -9 trials: " + String.join("; ", notes));
        assertThat(notes).hasSize(20);
    }

    private String killAndResume(int trial, boolean early, long delayMs) throws Exception {
        Path work = Files.createDirectories(dir.resolve("kill-" + trial));
        Path out = work.resolve("runs");
        Process p = start(work, "run", experiment.toString(), "--out", out.toString());
        if (!early) {
            awaitTraining(out, p);
        }
        boolean ended = p.waitFor(delayMs, TimeUnit.MILLISECONDS);
        String when;
        if (ended) {
            when = "finished before the kill";
        } else {
            p.destroyForcibly(); // SIGKILL
            p.waitFor();
            when = "killed " + delayMs + " ms after " + (early ? "start" : "its first checkpoint");
        }
        var run = runFolder(out);
        boolean midWrite = false;
        if (run.isPresent()) {
            try (Stream<Path> s = Files.walk(run.get())) {
                midWrite = s.anyMatch(f -> f.getFileName().toString().startsWith(".writing-"));
            }
        }
        Outcome after;
        if (run.isEmpty()) {
            after = ebm(work, "run", experiment.toString(), "--out", out.toString());
            when += ", before its folder existed: run again";
        } else {
            after = ebm(work, "resume", run.get().toString());
        }
        assertThat(after.code()).as("trial " + trial + " (" + when + "):\n" + after.output()).isZero();
        Path folder = runFolder(out).orElseThrow();
        assertSameArrays(arrays(finalCheckpoint(folder, 300)), reference, "trial " + trial + " (" + when + ")");
        try (Stream<Path> s = Files.walk(folder)) {
            assertThat(s.filter(f -> f.getFileName().toString().startsWith(".writing-"))).as("leftovers").isEmpty();
        }
        return trial + ": " + when + (midWrite ? " (inside a write)" : "");
    }

    // ---------------------------------------------------------------------------------------------- signals

    static Stream<Arguments> signals() {
        return Stream.of(Arguments.of("TERM", 143), Arguments.of("INT", 130));
    }

    /** SIGTERM and SIGINT: the step finishes, a checkpoint is written, the message says how to resume; the resumed run ends bit-identical. */
    @ParameterizedTest(name = "SIG{0}")
    @MethodSource("signals")
    void aSignalCheckpointsAndTheRunResumesExactly(String signal, int exitCode) throws Exception {
        Path work = Files.createDirectories(dir.resolve("signal-" + signal));
        Path out = work.resolve("runs");
        Process p = start(work, "run", experiment.toString(), "--set", "train.steps=3000", "--out", out.toString());
        awaitTraining(out, p);
        signal(p, signal);
        Outcome o = finish(p, 2);
        assertThat(o.code()).as(o.output()).isEqualTo(exitCode);
        assertThat(o.output()).contains("Interrupted by SIG" + signal).contains("a checkpoint of step").contains("Resume with: ebm resume");
        Path run = o.runFolder();
        Outcome resumed = ebm(work, "resume", run.toString());
        assertThat(resumed.code()).as(resumed.output()).isZero();
        assertSameArrays(arrays(finalCheckpoint(run, 3000)), longReference, "resumed after SIG" + signal);
    }

    /** Two writers of one run folder: the second is refused at once, naming the first's pid; the first is unharmed. */
    @Test
    void aSecondProcessOnOneRunFolderIsRefused() throws Exception {
        Path work = Files.createDirectories(dir.resolve("two"));
        Path out = work.resolve("runs");
        Process first = start(work, "run", experiment.toString(), "--set", "train.steps=3000", "--out", out.toString());
        awaitTraining(out, first);
        Path run = runFolder(out).orElseThrow();
        Outcome second = ebm(work, "resume", run.toString());
        assertThat(second.code()).as(second.output()).isEqualTo(2);
        assertThat(second.output()).contains("is in use by another ebm process (pid " + first.pid() + ")");
        Outcome done = finish(first, 5);
        assertThat(done.code()).as(done.output()).isZero();
        assertSameArrays(arrays(finalCheckpoint(run, 3000)), longReference, "the first writer");
        assertThat(Files.readAllLines(run.resolve("metrics.jsonl")).stream().filter(l -> l.contains("\"source\":\"train\"")).count())
                .isEqualTo(300);
    }

    /** A full disk (a 400 KB tmpfs; needs root on Linux): a clear error, exit 1, and no temporary file left filling it. */
    @Test
    void aFullDiskIsAClearErrorAndLeavesNoTemporaryFiles() throws Exception {
        assumeThat(System.getProperty("os.name")).isEqualTo("Linux");
        Path mount = Files.createDirectories(dir.resolve("tmpfs"));
        Process m = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=400k", "tmpfs", mount.toString()).redirectErrorStream(true).start();
        String why = new String(m.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean mounted = m.waitFor() == 0;
        assumeThat(mounted).as("a size-limited tmpfs could not be mounted (needs root on Linux): " + why.strip()).isTrue();
        try {
            Outcome o = ebm(dir, "run", experiment.toString(), "--set", "model.hidden=[128,128]", "--set", "train.keep-checkpoints=0",
                    "--out", mount.toString());
            assertThat(o.code()).as(o.output()).isEqualTo(1);
            assertThat(o.output()).containsIgnoringCase("no space left on device").doesNotContain("\tat ");
            try (Stream<Path> s = Files.walk(mount)) {
                assertThat(s.filter(f -> f.getFileName().toString().startsWith(".writing-"))).isEmpty();
            }
        } finally {
            new ProcessBuilder("umount", mount.toString()).inheritIO().start().waitFor();
        }
    }

    /**
     * A run folder the user cannot write: exit 2 naming the cause. Root writes anywhere, so as root the command runs as
     * user nobody (setpriv); without either, it is skipped with the reason.
     */
    @Test
    void aRunFolderThatCannotBeWrittenIsExitTwoNamingTheCause() throws Exception {
        boolean root = "root".equals(System.getProperty("user.name"));
        boolean setpriv = Files.isExecutable(Path.of("/usr/bin/setpriv"));
        assumeThat(!root || setpriv).as("as root this needs /usr/bin/setpriv to run as another user").isTrue();
        Path work = Files.createDirectories(dir.resolve("readonly"));
        Outcome r = ebm(work, "run", experiment.toString(), "--set", "train.steps=20", "--out", work.resolve("runs").toString());
        assertThat(r.code()).as(r.output()).isZero();
        Path run = r.runFolder();
        permissions(run, "r-xr-xr-x");
        try {
            List<String> command = new ArrayList<>();
            if (root) {
                command.addAll(List.of("/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"));
            }
            command.addAll(List.of(HOME.resolve("bin/ebm").toString(), "resume", run.toString(), "--steps", "40"));
            Process p = new ProcessBuilder(command).directory(Path.of("/").toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor()).as(out).isEqualTo(2);
            assertThat(out).contains("permission denied").contains(run.toString()).doesNotContain("\tat ");
        } finally {
            permissions(run, "rwxr-xr-x");
        }
    }

    /** Sets the permissions of {@code from} and each folder above it up to the test's own folder. */
    private static void permissions(Path from, String mode) throws IOException {
        for (Path p = from; p != null && p.startsWith(dir); p = p.getParent()) {
            Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString(mode));
        }
    }

    // ---------------------------------------------------------------------------------------------- plugins

    static Path jar(Path file, Map<String, String> manifest, boolean index, Class<?>... classes) throws IOException {
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.forEach((k, v) -> m.getMainAttributes().putValue(k, v));
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream j = new JarOutputStream(out, m)) {
            StringBuilder idx = new StringBuilder();
            for (Class<?> c : classes) {
                idx.append(c.getName()).append('\n');
                String resource = c.getName().replace('.', '/') + ".class";
                j.putNextEntry(new ZipEntry(resource));
                try (InputStream in = c.getClassLoader().getResourceAsStream(resource)) {
                    in.transferTo(j);
                }
                j.closeEntry();
            }
            if (index) {
                j.putNextEntry(new ZipEntry("META-INF/extensions.idx"));
                j.write(idx.toString().getBytes(StandardCharsets.UTF_8));
                j.closeEntry();
            }
        }
        return file;
    }

    static Map<String, String> plugin(String id) {
        return Map.of("Plugin-Id", id, "Plugin-Version", "1.0.0", "Plugin-Provider", "hostile tests");
    }

    /** A plugins folder with every built-in plugin and one hostile jar. */
    static Path pluginsWith(String name, Jar jar) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("plugins-" + name));
        try (Stream<Path> s = Files.list(HOME.resolve("plugins"))) {
            for (Path p : s.toList()) {
                Files.copy(p, folder.resolve(p.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        jar.write(folder.resolve(name + ".jar"));
        return folder;
    }

    @FunctionalInterface
    interface Jar {
        void write(Path file) throws IOException;
    }

    static Stream<Arguments> hostileJars() {
        return Stream.of(
                Arguments.of("garbage", (Jar) f -> Files.writeString(f, "not a jar"), "is not a readable jar"),
                Arguments.of("empty", (Jar) f -> Files.write(f, new byte[0]), "garbage/empty"),
                Arguments.of("truncated", (Jar) f -> {
                    byte[] whole = Files.readAllBytes(jar(Files.createTempFile(dir, "t", ".jar"), plugin("cut"), true, FailingDataProvider.class));
                    Files.write(f, java.util.Arrays.copyOf(whole, whole.length / 2));
                }, "truncated"),
                Arguments.of("no descriptor", (Jar) f -> jar(f, Map.of(), true, FailingDataProvider.class), "no plugin descriptor"),
                Arguments.of("needs a newer SPI", (Jar) f -> {
                    Map<String, String> m = new java.util.HashMap<>(plugin("future"));
                    m.put("Plugin-Requires", ">=9.0.0");
                    jar(f, m, true, FailingDataProvider.class);
                }, "requires ebm4j SPI >=9.0.0"),
                Arguments.of("repeats a built-in id", (Jar) f -> jar(f, plugin("toy-data"), true, FailingDataProvider.class),
                        "Plugin-Id 'toy-data' is already taken"),
                Arguments.of("bundles the host", (Jar) f -> {
                    jar(f, plugin("bundler"), true, FailingDataProvider.class);
                    addEntry(f, "org/nd4j/linalg/factory/Nd4j.class");
                }, "bundles org.nd4j"),
                Arguments.of("indexes a missing class", (Jar) f -> {
                    jar(f, plugin("ghost"), false);
                    addEntry(f, "META-INF/extensions.idx", "org.acme.Missing\n");
                }, "ghost"),
                Arguments.of("constructor throws", (Jar) f -> jar(f, plugin("thrower"), true, ThrowingDataProvider.class),
                        "boom in the constructor"),
                Arguments.of("bad name", (Jar) f -> jar(f, plugin("badname"), true, BadlyNamedDataProvider.class),
                        "is not lower-case words"),
                Arguments.of("blocks while created", (Jar) f -> jar(f, plugin("blocker"), true, BlockingDataProvider.class),
                        "did not finish being created within 3 s"),
                Arguments.of("claims a built-in name", (Jar) f -> jar(f, plugin("impostor"), true, ClashingDataProvider.class),
                        "impostor"));
    }

    /** `ebm plugins` with each hostile jar beside the built-ins: the jar is reported by name and why; every built-in still loads. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileJars")
    void aHostileJarIsReportedAndTheOthersLoad(String name, Jar jar, String message) throws Exception {
        String file = name.replace(' ', '-');
        Path folder = pluginsWith(file, jar);
        Outcome o = ebm(dir, Map.of("EBM_JAVA_OPTS", "-Xmx1g -Debm.plugin-timeout-seconds=3"), "--plugins", folder.toString(), "plugins");
        assertThat(o.code()).as(o.output()).isZero();
        if (!message.equals("garbage/empty") && !message.equals("truncated")) {
            assertThat(o.output()).as(name).contains(message);
        }
        assertThat(o.output()).as(name).contains(file + ".jar").doesNotContain("\tat ");
        for (String builtIn : List.of("toy", "mlp", "dsm", "ula", "exact-nll-2d")) {
            assertThat(o.output()).as(name + ": " + builtIn + " still loads").contains(builtIn);
        }
        if (name.equals("claims a built-in name")) {
            // the plain name keeps meaning the built-in: a run with data.type = toy uses the real one
            Outcome check = ebm(dir, "--plugins", folder.toString(), "check", experiment.toString());
            assertThat(check.code()).as(check.output()).isZero();
        }
    }

    /** A plugin whose component throws when created, or ends the process: named, never a success. */
    @Test
    void aPluginThatFailsOrExitsWhileUsedIsNamedAndNeverASuccess() throws Exception {
        Path folder = pluginsWith("misbehaving", f -> jar(f, plugin("misbehaving"), true, FailingDataProvider.class, ExitingDataProvider.class));
        Path failing = Files.writeString(dir.resolve("failing.conf"), EXPERIMENT.replace("data { type = toy, dataset = 8gaussians, "
                + "train-size = 4000, test-size = 500 }", "data { type = failing-data }"));
        Outcome o = ebm(dir, "--plugins", folder.toString(), "check", failing.toString());
        assertThat(o.code()).as(o.output()).isEqualTo(1);
        assertThat(o.output()).contains("failing-data").contains("misbehaving.jar").contains("cannot open the database")
                .contains("fault of that plugin").doesNotContain("\tat ");
        Path exiting = Files.writeString(dir.resolve("exiting.conf"), EXPERIMENT.replace("data { type = toy, dataset = 8gaussians, "
                + "train-size = 4000, test-size = 500 }", "data { type = exiting-data }"));
        Outcome e = ebm(dir, "--plugins", folder.toString(), "run", exiting.toString(), "--out", dir.resolve("exit-runs").toString());
        assertThat(e.code()).as(e.output()).isEqualTo(1);
        assertThat(e.output()).contains("a plugin called System.exit");
    }

    static void addEntry(Path jar, String name) throws IOException {
        addEntry(jar, name, "not really a class");
    }

    static void addEntry(Path jar, String name, String content) throws IOException {
        Map<String, byte[]> entries = new java.util.LinkedHashMap<>();
        Manifest manifest;
        try (java.util.jar.JarFile j = new java.util.jar.JarFile(jar.toFile())) {
            manifest = j.getManifest();
            for (var e : Collections.list(j.entries())) {
                if (!e.getName().equals("META-INF/MANIFEST.MF")) {
                    entries.put(e.getName(), j.getInputStream(e).readAllBytes());
                }
            }
        }
        entries.put(name, content.getBytes(StandardCharsets.UTF_8));
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, manifest)) {
            for (var e : entries.entrySet()) {
                j.putNextEntry(new ZipEntry(e.getKey()));
                j.write(e.getValue());
                j.closeEntry();
            }
        }
    }

    /** lr = 50 "succeeds" with a test NLL in the thousands: the run ends with a warning against the Gaussian baseline. */
    @Test
    void aRunThatLearnedNothingEndsWithAWarningAgainstTheGaussianBaseline() throws Exception {
        Outcome o = ebm(dir, "run", experiment.toString(), "--set", "train.optimizer.learning-rate=50", "--set",
                "evaluators=[{type=exact-nll-2d, plots=false}]", "--out", dir.resolve("absurd").toString());
        assertThat(o.code()).as(o.output()).isZero();
        assertThat(o.output()).contains("is worse than a Gaussian fitted to the training rows");
        var summary = new com.fasterxml.jackson.databind.ObjectMapper().readTree(o.runFolder().resolve("summary.json").toFile());
        assertThat(summary.get("baseline").get("gaussian-test-nll").asDouble()).isBetween(3.0, 5.0);
        assertThat(summary.get("evaluation-warnings").get("exact-nll-2d").toString()).contains("worse than a Gaussian");
    }

    /** An evaluator refused for the data's dimension points at the user's file, not at the plugin's defaults. */
    @Test
    void aComponentRefusedForTheDataPointsAtTheUsersFile() throws Exception {
        Path conf = Files.writeString(dir.resolve("digits-2d.conf"), EXPERIMENT.replace("data { type = toy, dataset = 8gaussians, "
                + "train-size = 4000, test-size = 500 }", "data { type = digits }") + "\nevaluators = [ exact-nll-2d ]\n");
        Outcome o = ebm(dir, "check", conf.toString());
        assertThat(o.code()).as(o.output()).isEqualTo(2);
        assertThat(o.output()).contains("digits-2d.conf").contains("dimension 64").doesNotContain("reference.conf");
    }

    // ---------------------------------------------------------------------------------------------- data files

    static byte[] npy(String descr, boolean fortran, String shape, byte[] data) {
        String header = "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") + ", 'shape': " + shape + ", }";
        StringBuilder h = new StringBuilder(header);
        while ((10 + h.length() + 1) % 64 != 0) {
            h.append(' ');
        }
        h.append('\n');
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        b.writeBytes(ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN).putShort((short) h.length()).array());
        b.writeBytes(h.toString().getBytes(StandardCharsets.ISO_8859_1));
        b.writeBytes(data);
        return b.toByteArray();
    }

    /** Files that once ended the JVM in native code, through `ebm check` of the real binary: exit 0 or 2, never 134. */
    @Test
    void npyFilesThatCrashedTheJvmAreReadOrRefusedInJava() throws Exception {
        int n = 200;
        ByteBuffer big = ByteBuffer.allocate(n * 2 * 8).order(ByteOrder.BIG_ENDIAN);
        ByteBuffer fortran = ByteBuffer.allocate(n * 2 * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            big.putDouble(i * 16, i % 2 == 0 ? -1 : 1).putDouble(i * 16 + 8, 100 + (i % 2 == 0 ? -1 : 1));
            fortran.putDouble(i * 8, i % 2 == 0 ? -1 : 1).putDouble((n + i) * 8, 100 + (i % 2 == 0 ? -1 : 1));
        }
        Map<String, byte[]> files = new java.util.LinkedHashMap<>();
        files.put("big-endian.npy", npy(">f8", false, "(" + n + ", 2)", big.array()));
        files.put("fortran.npy", npy("<f8", true, "(" + n + ", 2)", fortran.array()));
        files.put("complex.npy", npy("<c16", false, "(" + n + ", 1)", new byte[n * 16]));
        files.put("strings.npy", npy("<U8", false, "(" + n + ", 2)", new byte[n * 64]));
        files.put("objects.npy", npy("|O", false, "(" + n + ", 2)", new byte[n * 16]));
        files.put("garbage-header.npy", npy("<f4", false, "(nonsense", new byte[16]));
        files.put("truncated.npy", npy("<f8", false, "(" + n + ", 2)", new byte[100]));
        for (var f : files.entrySet()) {
            Path data = Files.write(dir.resolve(f.getKey()), f.getValue());
            Path conf = Files.writeString(dir.resolve("npy.conf"), EXPERIMENT.replace("data { type = toy, dataset = 8gaussians, "
                    + "train-size = 4000, test-size = 500 }", "data { type = npy, path = \"" + data + "\", standardise = false }"));
            Outcome o = ebm(dir, "check", conf.toString());
            boolean readable = f.getKey().equals("big-endian.npy") || f.getKey().equals("fortran.npy");
            assertThat(o.code()).as(f.getKey() + ":\n" + o.output()).isEqualTo(readable ? 0 : 2);
            assertThat(o.output()).as(f.getKey()).doesNotContain("\tat ").doesNotContain("SIGSEGV");
            if (!readable) {
                assertThat(o.output()).as(f.getKey()).contains(f.getKey()).contains("data.path");
            }
        }
        Path conf = Files.writeString(dir.resolve("dir.conf"), EXPERIMENT.replace("data { type = toy, dataset = 8gaussians, "
                + "train-size = 4000, test-size = 500 }", "data { type = npy, path = \"" + dir + "\" }"));
        Outcome o = ebm(dir, "check", conf.toString());
        assertThat(o.code()).as(o.output()).isEqualTo(2);
        assertThat(o.output()).contains("is a directory");
    }
}
