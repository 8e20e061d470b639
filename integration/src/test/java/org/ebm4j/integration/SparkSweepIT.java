package org.ebm4j.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.ebm4j.spark.SparkSweep;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark job on {@code local[2]}: a sweep run as Spark tasks (each point trained in-process in the test's JVM with
 * the built distribution's plugins) gives the same table as {@code bin/ebm sweep} on this machine, writes a CSV and a
 * Parquet table with a row per point, and submitted again reads every point back instead of training it.
 */
class SparkSweepIT {

    private static final Path HOME = Path.of(System.getProperty("ebm4j.home", "../distribution/target/ebm4j")).toAbsolutePath();
    private static SparkSession spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void startSpark() {
        spark = SparkSession.builder().master("local[2]").appName("SparkSweepIT").config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "1").getOrCreate();
    }

    @AfterAll
    static void stopSpark() {
        if (spark != null) {
            spark.stop();
        }
    }

    private String runSpark(Path file, Path out) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream console = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        int exit = SparkSweep.execute(new String[] {file.toString(), "--out", out.toString(), "--home", HOME.toString()}, console, console, spark);
        String output = buffer.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(output).isZero();
        return output;
    }

    @Test
    void sparkLocal2GivesTheSameTableAsTheLocalSweepAndAParquetTable() throws Exception {
        Path file = TinySweep.write(dir);
        Ebm.Result sweep = Ebm.run(dir, "sweep", file.toString(), "--out", dir.resolve("local").toString(), "--workers", "2");
        assertThat(sweep.exitCode()).as(sweep.output()).isZero();
        String local = sweep.output();
        Path out = dir.resolve("spark");
        String first = runSpark(file, out);
        assertThat(first).contains("4 points as 4 Spark tasks on local[2]").contains("4 of 4 points finished");
        assertThat(TinySweep.table(first)).isEqualTo(TinySweep.table(local)).hasSizeGreaterThan(4);

        // every point's folder, whole, with its run and its log; the tables
        try (Stream<Path> s = Files.walk(out.resolve("points"))) {
            assertThat(s.filter(p -> p.getFileName().toString().equals("summary.json")).count()).isEqualTo(4);
        }
        assertThat(out.resolve("points")).isDirectoryNotContaining("glob:**/.*copying*");
        assertThat(out.resolve("compare.html")).exists();
        assertThat(out.resolve("sweep.json")).exists();
        Dataset<Row> parquet = spark.read().parquet(out.resolve("table.parquet").toString());
        assertThat(parquet.count()).isEqualTo(4);
        assertThat(parquet.columns()).contains("point", "label", "seed", "state", "test-nll");
        Dataset<Row> csv = spark.read().option("header", "true").csv(out.resolve("table.csv").toString());
        assertThat(csv.count()).isEqualTo(4);
        double nll = parquet.filter("point = 'dsm_train.steps=150_seed=0'").first().getAs("test-nll");
        // the Parquet table holds the numbers the markdown shows
        assertThat(TinySweep.table(first)).anyMatch(line -> line.startsWith("| dsm train.steps=150 | 2 |") && line.contains("0: " + formatted(nll) + ","));

        // submitted again: every point is read back from the output, and the table is the same
        String again = runSpark(file, out);
        assertThat(again.lines().filter(l -> l.endsWith("finished before, skipped")).count()).isEqualTo(4);
        assertThat(TinySweep.table(again)).isEqualTo(TinySweep.table(local));
    }

    /** How the markdown table shows a value (four significant digits). */
    private static String formatted(double v) {
        return new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    }
}
