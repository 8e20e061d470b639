package org.ebm4j.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.ebm4j.runtime.training.CheckpointStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code ebm sample} with the fixtures: data N(1.5·1, I) in 2-D, the quadratic energy ½‖x − m‖² (whose density is
 * N(m, I)), and a plain Langevin sampler. After training, m is in the checkpoint, and samples must have mean m.
 */
class SampleCommandTest {

    @TempDir
    Path dir;

    private Cli cli;

    @BeforeEach
    void plugins() throws IOException {
        cli = new Cli(dir);
    }

    private int ebm(String... args) {
        return cli.ebm(args);
    }

    private Path experiment(String extra) throws IOException {
        return cli.experiment(extra);
    }

    private Path trainedRun() throws IOException {
        assertThat(ebm("run", experiment("").toString(), "--out", dir.resolve("runs").toString())).as(cli.err).isZero();
        try (Stream<Path> runs = Files.list(dir.resolve("runs").resolve("gauss"))) {
            return runs.findFirst().orElseThrow();
        }
    }

    @Test
    void samplesATrainedRunFromItsLatestCheckpointIntoTheRunFolder() throws IOException {
        Path run = trainedRun();
        INDArray centre = CheckpointStore.read(run.resolve("checkpoints").resolve("step-000000030.ckpt")).parameters().get("model");
        int n = 2000;
        assertThat(ebm("sample", run.toString(), "--sampler", "test-langevin", "--n", String.valueOf(n))).as(cli.err).isZero();
        assertThat(cli.out).contains("samples folder: " + run.resolve("samples")).contains("checkpoint step 30");
        Path folder;
        try (Stream<Path> s = Files.list(run.resolve("samples"))) {
            folder = s.findFirst().orElseThrow();
        }
        assertThat(folder.getFileName().toString()).startsWith("test-langevin-");
        INDArray samples = Nd4j.createFromNpyFile(folder.resolve("samples.npy").toFile()).castTo(DataType.DOUBLE);
        assertThat(samples.shape()).containsExactly(n, 2);
        // N(m, I) up to the step's bias (variance 1/(1 − ε/4) = 1.026): 5 standard errors of a mean of n independent chains
        double se = Math.sqrt(1 / (1 - 0.1 / 4) / n);
        for (int j = 0; j < 2; j++) {
            assertThat(samples.getColumn(j).meanNumber().doubleValue()).isCloseTo(centre.getDouble(j), offset(5 * se));
        }
        assertThat(centre.getDouble(0)).as("training moved the centre toward the data mean 1.5").isGreaterThan(1.0);

        List<String> csv = Files.readAllLines(folder.resolve("samples.csv"));
        assertThat(csv).hasSize(n + 1);
        assertThat(csv.get(0)).isEqualTo("x1,x2");
        assertThat(Double.parseDouble(csv.get(1).split(",")[0])).isCloseTo(samples.getDouble(0, 0), offset(1e-6));
        JsonNode report = new ObjectMapper().readTree(folder.resolve("diagnostics.json").toFile());
        assertThat(report.get("sampler").get("type").asText()).isEqualTo("test-langevin");
        assertThat(report.get("sampler").get("steps").asInt()).isEqualTo(200);
        assertThat(report.get("chains").asInt()).isEqualTo(n);
        assertThat(report.get("diagnostics").get("steps").asDouble()).isEqualTo(200);
        assertThat(report.get("chain-steps-per-s").asDouble()).isPositive();
        assertThat(report.get("non-finite-chains").asInt()).isZero();
        // exact draws of N(m, I) would score about grid-tv-of-exact-draws; these are such draws up to the small bias
        assertThat(report.get("grid-tv").asDouble()).isLessThan(report.get("grid-tv-of-exact-draws").asDouble() + 0.05);
        assertThat(folder.resolve("samples.png")).isNotEmptyFile();
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
                    "samples.npy", "samples.csv", "diagnostics.json", "samples.png");
        }
    }

    @Test
    void aCheckpointFileAndStepsAndSeedsWork() throws IOException {
        Path run = trainedRun();
        Path ckpt = run.resolve("checkpoints").resolve("step-000000010.ckpt");
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        assertThat(ebm("sample", ckpt.toString(), "--sampler", "test-langevin", "--steps", "7", "--n", "50", "--seed", "3",
                "--out", a.toString())).as(cli.err).isZero();
        assertThat(cli.out).contains("checkpoint step 10");
        assertThat(ebm("sample", ckpt.toString(), "--sampler", "test-langevin", "--steps", "7", "--n", "50", "--seed", "3",
                "--out", b.toString())).as(cli.err).isZero();
        JsonNode report = new ObjectMapper().readTree(a.resolve("diagnostics.json").toFile());
        assertThat(report.get("diagnostics").get("steps").asDouble()).isEqualTo(7);
        assertThat(Files.readAllBytes(a.resolve("samples.npy"))).isEqualTo(Files.readAllBytes(b.resolve("samples.npy")));
        assertThat(ebm("sample", ckpt.toString(), "--sampler", "test-langevin", "--n", "50", "--seed", "4",
                "--out", dir.resolve("c").toString())).as(cli.err).isZero();
        assertThat(Files.readAllBytes(dir.resolve("c").resolve("samples.npy"))).isNotEqualTo(Files.readAllBytes(a.resolve("samples.npy")));
        // every random number comes from the seed, the exact draws the picture compares with too (they were fixed)
        double exactA = new ObjectMapper().readTree(a.resolve("diagnostics.json").toFile()).get("grid-tv-of-exact-draws").asDouble();
        double exactB = new ObjectMapper().readTree(b.resolve("diagnostics.json").toFile()).get("grid-tv-of-exact-draws").asDouble();
        double exactC = new ObjectMapper().readTree(dir.resolve("c").resolve("diagnostics.json").toFile()).get("grid-tv-of-exact-draws").asDouble();
        assertThat(exactA).isEqualTo(exactB).isNotEqualTo(exactC);
    }

    @Test
    void anExperimentFileIsSampledWithoutTrainingFromItsOwnSampler() throws IOException {
        Path file = experiment("sampler { type = test-langevin, steps = 5 }\n");
        Path to = dir.resolve("untrained");
        assertThat(ebm("sample", file.toString(), "--n", "10", "--out", to.toString())).as(cli.err).isZero();
        assertThat(cli.out).contains("untrained");
        assertThat(new ObjectMapper().readTree(to.resolve("diagnostics.json").toFile()).get("sampler").get("steps").asInt()).isEqualTo(5);
    }

    @Test
    void initialStatesFromAFileGiveTheNumberOfChains() throws IOException {
        Path init = dir.resolve("init.npy");
        Nd4j.writeAsNumpy(Nd4j.createFromArray(new float[][] {{0, 0}, {1, 1}, {2, 2}}), init.toFile());
        Path to = dir.resolve("given");
        assertThat(ebm("sample", experiment("").toString(), "--sampler", "test-langevin", "--steps", "0", "--init", init.toString(),
                "--out", to.toString())).as(cli.err).isZero();
        INDArray samples = Nd4j.createFromNpyFile(to.resolve("samples.npy").toFile());
        assertThat(samples.castTo(DataType.DOUBLE).toDoubleMatrix()).isEqualTo(new double[][] {{0, 0}, {1, 1}, {2, 2}});
        assertThat(ebm("sample", experiment("").toString(), "--sampler", "test-langevin", "--init", init.toString(), "--n", "5",
                "--out", dir.resolve("x").toString())).isEqualTo(2);
        assertThat(cli.err).contains("--n").contains("3 rows");
    }

    @Test
    void badRequestsExitWithTwoAndSayWhatExists() throws IOException {
        Path file = experiment("");
        assertThat(ebm("sample", file.toString())).isEqualTo(2);
        assertThat(cli.err).contains("sampler").contains("--sampler NAME").contains("test-langevin");
        assertThat(ebm("sample", file.toString(), "--sampler", "test-langevn")).isEqualTo(2);
        assertThat(cli.err).contains("sampler.type").contains("test-langevin");
        assertThat(ebm("sample", file.toString(), "--sampler", "test-langevin", "--set", "sampler.stepsize=1")).isEqualTo(2);
        assertThat(cli.err).contains("sampler.stepsize");
        assertThat(ebm("sample", file.toString(), "--sampler", "test-langevin", "--init", "box")).isEqualTo(2);
        assertThat(cli.err).contains("--init").contains("Unknown noise 'box'").contains("available: uniform");
        assertThat(ebm("sample", file.toString(), "--sampler", "test-langevin", "--n", "0")).isEqualTo(2);
        assertThat(dir.resolve("samples")).doesNotExist();
    }

    @Test
    void divergingChainsExitWithOneAndStillWriteTheFiles() throws IOException {
        Path to = dir.resolve("diverged");
        assertThat(ebm("sample", experiment("").toString(), "--sampler", "test-langevin", "--set", "sampler.step-size=9",
                "--n", "20", "--out", to.toString())).isEqualTo(1);
        assertThat(cli.err).contains("20 of 20 chains ended NaN or infinite").contains("step size");
        assertThat(new ObjectMapper().readTree(to.resolve("diagnostics.json").toFile()).get("non-finite-chains").asInt()).isEqualTo(20);
    }

    @Test
    void anExperimentWithoutObjectiveIsCheckedAndSampledButNotTrained() throws IOException {
        Path file = Files.writeString(dir.resolve("target.conf"), """
                data { type = test-gaussian }
                model { type = test-quadratic }
                sampler { type = test-langevin }
                """);
        assertThat(ebm("check", file.toString())).as(cli.err).isZero();
        assertThat(ebm("sample", file.toString(), "--n", "10", "--out", dir.resolve("s").toString())).as(cli.err).isZero();
        assertThat(ebm("run", file.toString(), "--out", dir.resolve("runs").toString())).isEqualTo(2);
        assertThat(cli.err).contains("objective").contains("is missing").contains("target.conf");
        assertThat(dir.resolve("runs")).doesNotExist();
    }

    @Test
    void noiseDrawsFromTheObjectivesNoiseDistributionFittedOrRestored() throws IOException {
        // from an experiment file the noise is fitted as training would fit it: N(data mean, I), data mean 1.5
        Path file = experiment("objective { type = test-noisy }\n");
        Path to = dir.resolve("noise");
        int n = 4000;
        assertThat(ebm("sample", file.toString(), "--noise", "--n", String.valueOf(n), "--out", to.toString())).as(cli.err).isZero();
        INDArray samples = Nd4j.createFromNpyFile(to.resolve("samples.npy").toFile()).castTo(DataType.DOUBLE);
        assertThat(samples.getColumn(0).meanNumber().doubleValue()).isCloseTo(1.5, offset(5 / Math.sqrt(n) + 0.1));
        assertThat(samples.getColumn(1).varNumber().doubleValue()).isCloseTo(1.0, offset(5 * Math.sqrt(2.0 / n)));
        JsonNode report = new ObjectMapper().readTree(to.resolve("diagnostics.json").toFile());
        assertThat(report.get("sampled").asText()).contains("test-noisy");
        assertThat(report.get("diagnostics").get("test-nll").asDouble()).isPositive();
        assertThat(to.resolve("samples.png")).isNotEmptyFile();

        // from a run, the checkpoint's objective state is used
        assertThat(ebm("run", file.toString(), "--out", dir.resolve("runs").toString())).as(cli.err).isZero();
        Path run;
        try (Stream<Path> runs = Files.list(dir.resolve("runs").resolve("gauss"))) {
            run = runs.findFirst().orElseThrow();
        }
        assertThat(ebm("sample", run.toString(), "--noise", "--n", "10")).as(cli.err).isZero();
        assertThat(cli.out).contains("checkpoint step 30");

        assertThat(ebm("sample", experiment("").toString(), "--noise")).isEqualTo(2);
        assertThat(cli.err).contains("mean-energy").contains("no noise distribution");
        assertThat(ebm("sample", file.toString(), "--noise", "--sampler", "test-langevin")).isEqualTo(2);
        assertThat(cli.err).contains("--noise").contains("do not apply");
    }

    /** Traced sampling: per-coordinate R̂ and bulk ESS, the trace files, and a clear error for a step count that does not divide. */
    @Test
    void tracedSamplingReportsConvergenceDiagnostics() throws IOException {
        Path to = dir.resolve("traced");
        assertThat(ebm("sample", experiment("").toString(), "--sampler", "test-langevin", "--n", "200", "--steps", "2000",
                "--trace-every", "100", "--out", to.toString())).as(cli.err).isZero();
        JsonNode trace = new ObjectMapper().readTree(to.resolve("diagnostics.json").toFile()).get("trace");
        assertThat(trace.get("snapshots").asInt()).isEqualTo(20);
        assertThat(trace.get("chains").asInt()).isEqualTo(200);
        // Langevin with step 0.1 on N(m, I) relaxes in about 2/ε = 20 steps: mixed by the first snapshot, at step 100
        assertThat(trace.get("rhat/max").asDouble()).isBetween(0.99, 1.02);
        assertThat(trace.get("ess-bulk/min").asDouble()).isGreaterThan(1000);
        assertThat(new ObjectMapper().readTree(to.resolve("diagnostics.json").toFile()).get("diagnostics").get("steps").asDouble())
                .isEqualTo(2000);
        // the same sampler seen only 20 steps at a time still drifts from its uniform start: R̂ says so
        Path early = dir.resolve("early");
        assertThat(ebm("sample", experiment("").toString(), "--sampler", "test-langevin", "--n", "200", "--trace-every", "20",
                "--out", early.toString())).as(cli.err).isZero();
        assertThat(new ObjectMapper().readTree(early.resolve("diagnostics.json").toFile()).get("trace").get("rhat/max").asDouble())
                .isGreaterThan(1.05);
        assertThat(Files.readAllLines(to.resolve("trace.csv"))).hasSize(3).first().isEqualTo("coordinate,rhat,ess-bulk");
        assertThat(to.resolve("energy-trace.png")).isNotEmptyFile();
        assertThat(cli.out).contains("trace rhat/max:");
        assertThat(ebm("sample", experiment("").toString(), "--sampler", "test-langevin", "--trace-every", "30",
                "--out", dir.resolve("bad").toString())).isEqualTo(2);
        assertThat(cli.err).contains("--trace-every").contains("must divide the sampler's steps (200)");
    }
}
