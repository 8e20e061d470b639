package org.ebm4j.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CSV file trains and reports in its own units. The shipped ring, and the same ring moved to (40, 7) and stretched by
 * 3 along one axis and 0.5 along the other, train the same model (standardisation removes the map) and so report
 * NLLs that differ by exactly the map's log-determinant, log 1.5; their samples come back in each file's own units,
 * under its own column names.
 */
class DataUnitsIT {

    private static final double SX = 3;
    private static final double SY = 0.5;

    @TempDir
    Path work;

    @Test
    void aShiftedScaledRingHasTheSameNllUpToTheLogDeterminant() throws IOException, InterruptedException {
        Path original = Path.of(Ebm.experiment("ring-csv-dsm")).resolveSibling("data/ring.csv");
        List<String> lines = Files.readAllLines(original, StandardCharsets.UTF_8);
        List<String> moved = new ArrayList<>(List.of("east,north"));
        for (String line : lines.subList(1, lines.size())) {
            String[] xy = line.split(",");
            moved.add(String.format(Locale.ROOT, "%.6f,%.6f", 40 + SX * (Double.parseDouble(xy[0]) - 10),
                    7 + SY * (Double.parseDouble(xy[1]) + 3)));
        }
        Path movedFile = Files.write(work.resolve("moved.csv"), moved, StandardCharsets.UTF_8);

        JsonNode a = train(original.toString());
        JsonNode b = train(movedFile.toString());
        double nllA = a.get("evaluation").get("exact-nll-2d").get("test-nll").asDouble();
        double nllB = b.get("evaluation").get("exact-nll-2d").get("test-nll").asDouble();
        System.out.printf(Locale.ROOT, "ring: test NLL %.5f; moved and stretched: %.5f; difference %.5f, log 1.5 = %.5f%n",
                nllA, nllB, nllB - nllA, Math.log(SX * SY));
        assertThat(nllB - nllA).as("NLLs in each file's units differ by the log-determinant").isCloseTo(Math.log(SX * SY), within(0.01));
        JsonNode units = a.get("units").get("data");
        assertThat(units.get("columns").toString()).isEqualTo("[\"x\",\"y\"]");
        assertThat(units.get("shift").get(0).asDouble()).as("the ring's centre").isCloseTo(10, within(0.2));
        double logDetA = units.get("log-determinant").asDouble();
        assertThat(a.get("baseline").get("gaussian-test-nll").asDouble()).as("the Gaussian baseline in the same units")
                .isGreaterThan(nllA);
        assertThat(b.get("units").get("data").get("log-determinant").asDouble() - logDetA).isCloseTo(Math.log(SX * SY), within(1e-3));

        // samples from the moved run: in its units, under its names, around its centre
        Ebm.Result sample = Ebm.run(work, "sample", runOf(movedFile.toString()).toString(), "--n", "500", "--steps", "200");
        assertThat(sample.exitCode()).as(sample.output()).isZero();
        Path folder = Path.of(sample.output().lines().filter(l -> l.startsWith("samples folder: ")).findFirst().orElseThrow()
                .substring("samples folder: ".length()).trim());
        List<String> rows = Files.readAllLines(folder.resolve("samples.csv"), StandardCharsets.UTF_8);
        assertThat(rows.get(0)).isEqualTo("east,north");
        double sumX = 0;
        double sumY = 0;
        double maxX = Double.NEGATIVE_INFINITY;
        for (String row : rows.subList(1, rows.size())) {
            String[] xy = row.split(",");
            sumX += Double.parseDouble(xy[0]);
            sumY += Double.parseDouble(xy[1]);
            maxX = Math.max(maxX, Double.parseDouble(xy[0]));
        }
        int n = rows.size() - 1;
        assertThat(n).isEqualTo(500);
        assertThat(sumX / n).as("the samples' centre in the file's units").isCloseTo(40, within(0.6));
        assertThat(sumY / n).isCloseTo(7, within(0.2));
        assertThat(maxX).as("the ring's radius 2 stretched by 3").isBetween(44.0, 48.0);
    }

    /**
     * The map is kept with the run: when the data file changes under a run, resuming it would train on in other
     * coordinates, so it is refused (exit 2, saying why); sampling it warns that the numbers use today's scaling.
     */
    @Test
    void aRunWhoseDataFileChangedIsNotResumedOnAnotherScale() throws IOException, InterruptedException {
        Path original = Path.of(Ebm.experiment("ring-csv-dsm")).resolveSibling("data/ring.csv");
        Path copy = Files.copy(original, work.resolve("ring.csv"));
        Ebm.Result run = Ebm.run(work, "run", Ebm.experiment("ring-csv-dsm"), "--out", work.resolve("runs").toString(),
                "--set", "data.path=\"" + copy + "\"", "--set", "train.steps=100", "--set", "train.checkpoint-every=50",
                "--set", "evaluators=[]");
        assertThat(run.exitCode()).as(run.output()).isZero();
        String provenance = Files.readString(run.runFolder().resolve("provenance.json"), StandardCharsets.UTF_8);
        assertThat(provenance).contains("\"data\"").contains("\"columns\" : [ \"x\", \"y\" ]");
        List<String> lines = Files.readAllLines(copy, StandardCharsets.UTF_8);
        List<String> doubled = new ArrayList<>(List.of(lines.get(0)));
        for (String line : lines.subList(1, lines.size())) {
            String[] xy = line.split(",");
            doubled.add(2 * Double.parseDouble(xy[0]) + "," + xy[1]);
        }
        Files.write(copy, doubled, StandardCharsets.UTF_8);
        Ebm.Result resume = Ebm.run(work, "resume", run.runFolder().toString(), "--steps", "200");
        assertThat(resume.exitCode()).as(resume.output()).isEqualTo(2);
        assertThat(resume.output()).contains("the data changed since this checkpoint was written").contains("restore the data file");
        Ebm.Result sample = Ebm.run(work, "sample", run.runFolder().toString(), "--n", "50", "--steps", "10");
        assertThat(sample.exitCode()).as(sample.output()).isZero();
        assertThat(sample.output()).contains("the data changed since this checkpoint was written");
    }

    private final java.util.Map<String, Path> runs = new java.util.HashMap<>();

    private JsonNode train(String csv) throws IOException, InterruptedException {
        Ebm.Result run = Ebm.run(work, "run", Ebm.experiment("ring-csv-dsm"), "--out", work.resolve("runs").toString(),
                "--set", "data.path=\"" + csv + "\"", "--set", "train.steps=1500", "--set", "train.log-every=500",
                "--set", "train.checkpoint-every=1500", "--set", "evaluators=[{ type = exact-nll-2d, samples = 0, resolution = 256 }]");
        assertThat(run.exitCode()).as(run.output()).isZero();
        runs.put(csv, run.runFolder());
        return run.summary();
    }

    private Path runOf(String csv) {
        return runs.get(csv);
    }
}
