package org.ebm4j.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.ebm4j.api.ConfigException;
import org.ebm4j.runtime.compare.Comparison;
import org.ebm4j.runtime.compare.RunRecord;
import org.ebm4j.runtime.config.UsageException;
import org.ebm4j.runtime.sweep.SweepSpec;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ebm sweep} on Apache Spark: one task per point, each training its point in-process on an executor with the
 * plugins of the distribution shipped with the job, writing its folder to the output location (a local path, or any
 * Hadoop file system URI); the driver gathers the tasks' summaries into a table ({@code table.csv/} and
 * {@code table.parquet/}, one row per point, one column per metric), {@code sweep.json}, and {@code ebm compare}'s
 * tables ({@code compare.md}, {@code compare.json}, {@code differences.csv}; {@code compare.html} too when the output
 * is a local folder). Submitted again with the same output, points already there are read back, not trained.
 *
 * <pre>{@code
 * spark-submit --class org.ebm4j.spark.SparkSweep --master spark://host:7077 \
 *   --jars "$(ls ebm4j/lib/*.jar | tr '\n' ,)" --archives ebm4j-0.2.0-SNAPSHOT.tar.gz#ebm4j \
 *   ebm4j/spark/ebm4j-spark-0.2.0-SNAPSHOT.jar ebm4j/experiments/sweeps/moons-objectives.conf --out hdfs:///sweeps/moons
 * }</pre>
 */
@Command(name = "ebm4j-spark", mixinStandardHelpOptions = true,
        description = {"Run a sweep file's points as Spark tasks (one per point) and tabulate them.",
                "Exit 0 when every point finished, 1 when one failed (the others still ran), 2 on a bad sweep file or usage."})
public final class SparkSweep implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SWEEP", description = "The sweep file (as for ebm sweep), read on the driver.")
    Path file;

    @Option(names = "--out", required = true, paramLabel = "URI", description = "Where the sweep's folder goes: a local path "
            + "(local mode, or a folder every node mounts) or any Hadoop file system URI (hdfs://, s3a://, ...).")
    String out;

    @Option(names = "--home", paramLabel = "DIR", description = "The ebm4j distribution on the driver (default: -Debm.home, "
            + "else ./ebm4j). Experiment files inside it are found by executors in their own shipped copy.")
    Path home;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master when not set by spark-submit (e.g. local[2]).")
    String master;

    PrintStream console = System.out;
    SparkSession session;

    public static void main(String[] args) {
        System.exit(execute(args, System.out, System.err, null));
    }

    /** Runs the job with {@code args} (in {@code session} when one is given); returns the exit code. */
    public static int execute(String[] args, PrintStream out, PrintStream err, SparkSession session) {
        SparkSweep job = new SparkSweep();
        job.console = out;
        job.session = session;
        CommandLine cli = new CommandLine(job);
        cli.setOut(new java.io.PrintWriter(out, true));
        cli.setErr(new java.io.PrintWriter(err, true));
        cli.setExecutionExceptionHandler((thrown, line, parsed) -> {
            if (thrown instanceof ConfigException || thrown instanceof UsageException) {
                err.println("error: " + thrown.getMessage());
                return 2;
            }
            throw thrown;
        });
        return cli.execute(args);
    }

    @Override
    public Integer call() throws IOException {
        SweepSpec spec = SweepSpec.load(file);
        Path driverHome = (home != null ? home : Path.of(System.getProperty("ebm.home", "ebm4j"))).toAbsolutePath().normalize();
        if (!java.nio.file.Files.isDirectory(driverHome.resolve("plugins"))) {
            throw new UsageException("no ebm4j distribution at " + driverHome + " (give --home DIR, the unpacked distribution)");
        }
        List<SparkPoint> points = spec.points().stream().map(p -> SparkPoint.of(p, driverHome)).toList();
        SparkSession spark = session != null ? session : builder().getOrCreate();
        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        console.printf("sweep %s: %d points as %d Spark tasks on %s, into %s%n", file.getFileName(), points.size(), points.size(),
                spark.sparkContext().master(), out);
        long t0 = System.nanoTime();
        List<PointResult> results = context.parallelize(points, points.size()).map(new PointTask(out, driverHome.toString())).collect();
        double seconds = (System.nanoTime() - t0) / 1e9;
        for (PointResult r : results) {
            console.printf("%s: %s%s%n", r.point().name(), r.state(), r.seconds() > 0 ? String.format(java.util.Locale.ROOT, " in %.1f s", r.seconds()) : "");
        }
        List<String> metrics = spec.metrics().isEmpty() ? Comparison.DEFAULT_METRICS : spec.metrics();
        table(spark, results, metrics);
        FileSystem fs = new org.apache.hadoop.fs.Path(out).getFileSystem(new Configuration());
        boolean local = "file".equals(fs.getScheme());
        List<RunRecord> runs = new ArrayList<>();
        for (PointResult r : results) {
            if (r.finished()) {
                // a local output's run folders as local paths (compare.html links their pictures); others as their URIs
                Path folder = Path.of(local ? new org.apache.hadoop.fs.Path(r.run()).toUri().getPath() : r.run());
                runs.add(new RunRecord(folder, r.experiment(), r.point().seed(), r.overrides(), Optional.of(r.point().label()),
                        r.diverged(), r.metrics()));
            }
        }
        write(fs, "sweep.json", new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(summary(results, seconds)));
        if (!runs.isEmpty()) {
            Comparison c = Comparison.of(runs, metrics);
            console.println();
            console.print(c.markdown());
            if (local) {
                c.writeAll(Path.of(fs.makeQualified(new org.apache.hadoop.fs.Path(out)).toUri()), "sweep " + file.getFileName());
            } else {
                write(fs, "compare.md", c.markdown());
                write(fs, "compare.csv", c.csv());
                write(fs, "differences.csv", c.differencesCsv());
                write(fs, "compare.json", new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(c.json()));
            }
        }
        long failed = results.stream().filter(r -> r.exitCode() != 0).count();
        console.printf("%d of %d points finished in %.1f s; table.csv/, table.parquet/, sweep.json and compare.* in %s%n",
                results.size() - failed, results.size(), seconds, out);
        if (session == null) {
            spark.stop();
        }
        return failed == 0 ? 0 : 1;
    }

    private SparkSession.Builder builder() {
        SparkSession.Builder b = SparkSession.builder().appName("ebm4j sweep " + file.getFileName());
        return master != null ? b.master(master) : b;
    }

    /** One row per point: name, label, variant, seed, state, exit code, seconds, run folder, then each metric. */
    private void table(SparkSession spark, List<PointResult> results, List<String> metrics) {
        List<StructField> fields = new ArrayList<>(List.of(
                DataTypes.createStructField("point", DataTypes.StringType, false),
                DataTypes.createStructField("label", DataTypes.StringType, false),
                DataTypes.createStructField("variant", DataTypes.StringType, false),
                DataTypes.createStructField("seed", DataTypes.LongType, false),
                DataTypes.createStructField("state", DataTypes.StringType, false),
                DataTypes.createStructField("exit_code", DataTypes.IntegerType, false),
                DataTypes.createStructField("seconds", DataTypes.DoubleType, false),
                DataTypes.createStructField("run", DataTypes.StringType, false)));
        metrics.forEach(m -> fields.add(DataTypes.createStructField(m, DataTypes.DoubleType, true)));
        List<Row> rows = new ArrayList<>();
        for (PointResult r : results) {
            List<Object> values = new ArrayList<>(List.of(r.point().name(), r.point().label(), r.point().variant(), r.point().seed(),
                    r.state(), r.exitCode(), r.seconds(), r.run()));
            RunRecord record = new RunRecord(Path.of("."), r.experiment(), r.point().seed(), r.overrides(), Optional.empty(), r.diverged(), r.metrics());
            metrics.forEach(m -> values.add(Comparison.value(record, m).orElse(null)));
            rows.add(RowFactory.create(values.toArray()));
        }
        Dataset<Row> df = spark.createDataFrame(rows, new StructType(fields.toArray(StructField[]::new))).coalesce(1);
        df.write().mode(SaveMode.Overwrite).option("header", "true").csv(new org.apache.hadoop.fs.Path(out, "table.csv").toString());
        df.write().mode(SaveMode.Overwrite).parquet(new org.apache.hadoop.fs.Path(out, "table.parquet").toString());
    }

    private static Map<String, Object> summary(List<PointResult> results, double seconds) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("engine", "spark");
        s.put("seconds", seconds);
        List<Map<String, Object>> points = new ArrayList<>();
        for (PointResult r : results) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("name", r.point().name());
            p.put("label", r.point().label());
            p.put("variant", r.point().variant());
            p.put("seed", r.point().seed());
            p.put("experiment", r.point().experiment());
            p.put("overrides", r.point().overrides());
            p.putAll(PointTask.toJson(r));
            points.add(p);
        }
        s.put("points", points);
        return s;
    }

    private void write(FileSystem fs, String name, String text) throws IOException {
        org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(out, name);
        org.apache.hadoop.fs.Path temporary = new org.apache.hadoop.fs.Path(out, "." + name + ".writing");
        try (OutputStream o = fs.create(temporary, true)) {
            o.write(text.getBytes(StandardCharsets.UTF_8));
        }
        fs.delete(target, false);
        fs.rename(temporary, target);
    }
}
