package org.ebm4j.runtime.sweep;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.ebm4j.runtime.compare.RunRecord;
import org.ebm4j.runtime.config.UsageException;
import org.ebm4j.runtime.run.AtomicFiles;
import org.ebm4j.runtime.run.RunLock;

/**
 * Runs a sweep's points on this machine: each point is its own {@code bin/ebm} process training into
 * {@code <sweep>/points/<point>/}, {@code workers} at a time, each with {@code cores / workers} threads (at least one).
 * Run again, it skips the points whose run finished, resumes those that were interrupted (from their checkpoints), and
 * starts the rest (waiting for points a killed sweep left training in their own processes); a point that fails is
 * recorded with its exit code and log, and the others go on. {@code sweep.json} holds every point's state.
 */
public final class Sweeps {

    /** What became of one point. */
    public record Outcome(SweepSpec.Point point, String state, int exitCode, double seconds, Optional<Path> run) {}

    private final Path ebm;
    private final List<String> pluginArguments;

    /**
     * @param ebm             the launcher each point runs ({@code bin/ebm})
     * @param pluginArguments {@code --plugins DIR} / {@code --plugins-only} to hand on to every point
     */
    public Sweeps(Path ebm, List<String> pluginArguments) {
        this.ebm = ebm;
        this.pluginArguments = List.copyOf(pluginArguments);
    }

    public List<Outcome> run(SweepSpec spec, Path dir, int workers, PrintStream console) {
        if (workers < 1) {
            throw new UsageException("--workers must be at least 1, got " + workers);
        }
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors() / workers);
        List<SweepSpec.Point> points = spec.points();
        console.printf("sweep %s: %d points (%s), %d worker(s) with %d thread(s) each, into %s%n", spec.file().getFileName(),
                points.size(), spec.experiment().getFileName(), workers, threads, dir);
        AtomicInteger finished = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        List<Future<Outcome>> futures = new ArrayList<>();
        for (SweepSpec.Point p : points) {
            futures.add(pool.submit(() -> {
                Outcome o = runPoint(spec, p, dir.resolve("points").resolve(p.name()), threads);
                synchronized (console) {
                    console.printf("[%d/%d] %s: %s%s%n", finished.incrementAndGet(), points.size(), p.name(), o.state(),
                            o.seconds() > 0 ? String.format(java.util.Locale.ROOT, " in %.1f s", o.seconds()) : "");
                }
                return o;
            }));
        }
        pool.shutdown();
        List<Outcome> outcomes = new ArrayList<>();
        for (Future<Outcome> f : futures) {
            try {
                outcomes.add(f.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UsageException("the sweep was interrupted; run it again to continue", e);
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("a sweep worker failed: " + e.getCause(), e.getCause());
            }
        }
        AtomicFiles.writeJson(dir.resolve("sweep.json"), summary(spec, outcomes));
        return outcomes;
    }

    private Outcome runPoint(SweepSpec spec, SweepSpec.Point p, Path pointDir, int threads) throws IOException, InterruptedException {
        awaitEarlierProcess(pointDir);
        Optional<Path> existing = runFolder(pointDir);
        if (existing.isPresent()) {
            awaitUnlocked(existing.get());
        }
        if (existing.isPresent() && RunRecord.read(existing.get()).isPresent()) { // finished, not interrupted
            return new Outcome(p, "finished before, skipped", 0, 0, existing);
        }
        Files.createDirectories(pointDir);
        writePoint(pointDir, p);
        List<String> command = new ArrayList<>(List.of(ebm.toString()));
        command.addAll(pluginArguments);
        if (existing.isPresent()) {
            command.addAll(List.of("resume", existing.get().toString()));
        } else {
            command.addAll(List.of("run", p.experiment().toString(), "--out", pointDir.toString()));
            for (String o : p.overrides()) {
                command.add("--set");
                command.add(o);
            }
        }
        ProcessBuilder b = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(pointDir.resolve("log.txt").toFile()));
        b.environment().put("OMP_NUM_THREADS", Integer.toString(threads));
        b.environment().put("OPENBLAS_NUM_THREADS", Integer.toString(threads));
        long t0 = System.nanoTime();
        Process process = b.start();
        Files.writeString(pointDir.resolve(PID), Long.toString(process.pid()));
        int exit = process.waitFor();
        double seconds = (System.nanoTime() - t0) / 1e9;
        Optional<Path> run = runFolder(pointDir);
        String how = existing.isPresent() ? "resumed" : "trained";
        String state = exit == 0 ? how : "failed (exit " + exit + "; see " + pointDir.resolve("log.txt") + ")";
        return new Outcome(p, state, exit, seconds, run);
    }

    /**
     * Writes {@code point.json} into a point's folder: its label, variant and seed, which {@code ebm compare} reads to name
     * the point's run (else it would be named by its raw overrides).
     */
    public static void writePoint(Path pointDir, SweepSpec.Point p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", p.name());
        m.put("label", p.label());
        m.put("variant", p.variant());
        m.put("seed", p.seed());
        m.put("experiment", p.experiment().toString());
        m.put("overrides", p.overrides());
        AtomicFiles.writeJson(pointDir.resolve(RunRecord.POINT_FILE), m);
    }

    /** The file in a point's folder with the pid of the process that last ran it. */
    static final String PID = ".pid";

    /** Waits for the process a killed sweep started for this point, if it still runs (it may not have a run folder yet). */
    private static void awaitEarlierProcess(Path pointDir) throws IOException, InterruptedException {
        Path pidFile = pointDir.resolve(PID);
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        String text = Files.readString(pidFile).strip();
        if (!text.matches("\\d+")) {
            return;
        }
        Optional<ProcessHandle> earlier = ProcessHandle.of(Long.parseLong(text))
                .filter(h -> h.info().commandLine().map(c -> c.contains("ebm")).orElse(false));
        while (earlier.isPresent() && earlier.get().isAlive()) {
            Thread.sleep(1000);
        }
    }

    /**
     * Waits while another process trains {@code run}: after a sweep is killed, the points it had started go on in their
     * own processes, and a second sweep takes them over only when they end (finished, or to be resumed).
     */
    private static void awaitUnlocked(Path run) throws InterruptedException {
        while (true) {
            try (RunLock ignored = RunLock.acquire(run)) {
                return;
            } catch (UsageException e) {
                if (!String.valueOf(e.getMessage()).contains("in use")) {
                    throw e;
                }
                Thread.sleep(1000);
            }
        }
    }

    /** The run folder of a point ({@code <point>/<experiment>/<time>/}, the one with a config), if it has one yet. */
    public static Optional<Path> runFolder(Path pointDir) throws IOException {
        if (!Files.isDirectory(pointDir)) {
            return Optional.empty();
        }
        try (Stream<Path> s = Files.find(pointDir, 2, (path, attributes) -> attributes.isDirectory()
                && !path.getFileName().toString().startsWith(".") && Files.isRegularFile(path.resolve("config.conf")))) {
            return s.sorted().reduce((first, second) -> second); // the newest by its time-stamped name
        }
    }

    private static Map<String, Object> summary(SweepSpec spec, List<Outcome> outcomes) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("sweep", spec.file().toAbsolutePath().toString());
        s.put("experiment", spec.experiment().toString());
        List<Map<String, Object>> points = new ArrayList<>();
        for (Outcome o : outcomes) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("name", o.point().name());
            p.put("label", o.point().label());
            p.put("variant", o.point().variant());
            p.put("experiment", o.point().experiment().toString());
            p.put("seed", o.point().seed());
            p.put("overrides", o.point().overrides());
            p.put("state", o.state());
            p.put("exit-code", o.exitCode());
            p.put("seconds", o.seconds());
            p.put("run", o.run().map(Path::toString).orElse(null));
            points.add(p);
        }
        s.put("points", points);
        return s;
    }
}
