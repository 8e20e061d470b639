package org.ebm4j.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.SparkFiles;
import org.apache.spark.api.java.function.Function;
import org.ebm4j.runtime.cli.EbmCommand;
import org.ebm4j.runtime.compare.RunRecord;
import org.ebm4j.runtime.sweep.SweepSpec;
import org.ebm4j.runtime.sweep.Sweeps;

/**
 * One point on an executor: trains it in this JVM ({@code ebm run}, with the plugins of the distribution shipped with
 * the job) into a local scratch folder, then copies the point's folder to {@code <output>/points/<point>} under a
 * temporary name and renames it into place, so the output holds a point whole or not at all. A point already in the
 * output (a finished earlier attempt: Spark retries tasks, and a sweep may be submitted again) is read back, not trained.
 */
final class PointTask implements Function<SparkPoint, PointResult> {

    private static final long serialVersionUID = 1L;
    /** What a point folder in the output holds besides the run: the task's account of it, read back on a rerun. */
    static final String RESULT = "result.json";

    private final String output;
    private final String driverHome;

    /**
     * @param output     the sweep's output location (a local path or any Hadoop file system URI)
     * @param driverHome the distribution's folder on the driver, used where no copy was shipped with the job (local
     *                   mode, or a folder every node mounts)
     */
    PointTask(String output, String driverHome) {
        this.output = output;
        this.driverHome = driverHome;
    }

    @Override
    public PointResult call(SparkPoint point) throws Exception {
        org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(output, "points/" + point.name());
        FileSystem fs = target.getFileSystem(new Configuration());
        if (fs.exists(new org.apache.hadoop.fs.Path(target, RESULT))) {
            try (var in = fs.open(new org.apache.hadoop.fs.Path(target, RESULT))) {
                PointResult earlier = fromJson(new ObjectMapper().readTree(in), point);
                return new PointResult(point, "finished before, skipped", 0, 0, earlier.run(), earlier.experiment(), earlier.overrides(),
                        earlier.diverged(), earlier.metrics());
            }
        }
        Path home = distribution();
        Path scratch = Files.createTempDirectory("ebm4j-point-");
        try {
            Path pointDir = scratch.resolve(point.name());
            Files.createDirectories(pointDir);
            Path experiment = home.resolve(point.experiment());
            Sweeps.writePoint(pointDir, new SweepSpec.Point(point.name(), point.label(), point.variant(), point.seed(), experiment,
                    point.overrides()));
            List<String> args = new ArrayList<>(List.of("--plugins", home.resolve("plugins").toString(), "--plugins-only",
                    "run", experiment.toString(), "--out", pointDir.toString()));
            for (String o : point.overrides()) {
                args.add("--set");
                args.add(o);
            }
            long t0 = System.nanoTime();
            int exit;
            try (OutputStream log = Files.newOutputStream(pointDir.resolve("log.txt"));
                 PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8)) {
                out.println("ebm4j-spark: point " + point.name() + " on " + java.net.InetAddress.getLocalHost().getHostName()
                        + " with the distribution in " + home);
                exit = EbmCommand.execute(args.toArray(String[]::new), out, out);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            Optional<Path> runFolder = Sweeps.runFolder(pointDir);
            Optional<RunRecord> record = exit == 0 ? runFolder.flatMap(RunRecord::read) : Optional.empty();
            String run = runFolder.map(r -> new org.apache.hadoop.fs.Path(target, pointDir.relativize(r).toString().replace('\\', '/')).toString())
                    .orElse("");
            String state = exit == 0 ? "trained" : "failed (exit " + exit + "; see " + target + "/log.txt)";
            PointResult result = new PointResult(point, state, exit, seconds, run, record.map(RunRecord::experiment).orElse(""),
                    record.map(RunRecord::overrides).orElse(List.of()), record.map(RunRecord::diverged).orElse(false),
                    record.map(RunRecord::metrics).orElse(Map.of()));
            if (exit == 0) {
                Files.writeString(pointDir.resolve(RESULT), new ObjectMapper().writeValueAsString(toJson(result)));
            }
            publish(fs, pointDir, target);
            return result;
        } finally {
            deleteTree(scratch);
        }
    }

    /**
     * The distribution on this executor: the copy shipped with the job ({@code --archives ebm4j.tar.gz#ebm4j}, unpacked
     * in the task's folder or Spark's files folder), else the driver's (local mode, or a folder every node mounts).
     */
    private Path distribution() {
        List<Path> candidates = new ArrayList<>();
        candidates.add(Path.of("ebm4j"));
        try {
            candidates.add(Path.of(SparkFiles.getRootDirectory(), "ebm4j"));
        } catch (RuntimeException e) {
            // no Spark files folder (not inside a Spark task): only the other places
        }
        candidates.add(Path.of(driverHome));
        for (Path c : candidates) {
            Optional<Path> home = distributionIn(c);
            if (home.isPresent()) {
                return home.get();
            }
        }
        throw new IllegalStateException("no ebm4j distribution on this executor: ship it with --archives ebm4j-<version>.tar.gz#ebm4j "
                + "(looked in " + candidates + ")");
    }

    /** {@code folder} if it is a distribution (it has plugins/), else its one subfolder that is (an archive's top folder). */
    static Optional<Path> distributionIn(Path folder) {
        if (Files.isDirectory(folder.resolve("plugins"))) {
            return Optional.of(folder.toAbsolutePath());
        }
        if (!Files.isDirectory(folder)) {
            return Optional.empty();
        }
        try (Stream<Path> s = Files.list(folder)) {
            List<Path> homes = s.filter(sub -> Files.isDirectory(sub.resolve("plugins"))).toList();
            return homes.size() == 1 ? Optional.of(homes.get(0).toAbsolutePath()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Copies the point's folder under a temporary name in the output, then renames it into place. */
    private static void publish(FileSystem fs, Path pointDir, org.apache.hadoop.fs.Path target) throws IOException {
        org.apache.hadoop.fs.Path temporary = new org.apache.hadoop.fs.Path(target.getParent(), "." + target.getName() + ".copying-" + UUID.randomUUID());
        fs.mkdirs(target.getParent());
        fs.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(pointDir.toUri()), temporary);
        if (fs.exists(target)) {
            fs.delete(target, true); // an earlier failed attempt of this point
        }
        if (!fs.rename(temporary, target)) {
            throw new IOException("could not rename " + temporary + " to " + target);
        }
    }

    static Map<String, Object> toJson(PointResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("state", r.state());
        m.put("exit-code", r.exitCode());
        m.put("seconds", r.seconds());
        m.put("run", r.run());
        m.put("experiment", r.experiment());
        m.put("overrides", r.overrides());
        m.put("diverged", r.diverged());
        Map<String, Object> metrics = new LinkedHashMap<>();
        r.metrics().forEach((k, v) -> metrics.put(k, Double.isFinite(v) ? (Object) v : String.valueOf(v)));
        m.put("metrics", metrics);
        return m;
    }

    static PointResult fromJson(JsonNode n, SparkPoint point) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        n.path("metrics").fields().forEachRemaining(e -> metrics.put(e.getKey(),
                e.getValue().isNumber() ? e.getValue().asDouble() : Double.parseDouble(e.getValue().asText())));
        List<String> overrides = new ArrayList<>();
        n.path("overrides").forEach(o -> overrides.add(o.asText()));
        return new PointResult(point, n.path("state").asText(), n.path("exit-code").asInt(), n.path("seconds").asDouble(),
                n.path("run").asText(), n.path("experiment").asText(), overrides, n.path("diverged").asBoolean(), metrics);
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
