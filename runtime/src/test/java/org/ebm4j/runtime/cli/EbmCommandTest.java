package org.ebm4j.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EbmCommandTest {

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

    @Test
    void theOverridesOfTheCommandLineAreRecordedInProvenance() throws IOException {
        assertThat(ebm("run", experiment("").toString(), "--set", "train.steps=4", "--set", "seed=3",
                "--out", dir.resolve("runs").toString())).as(cli.err).isZero();
        Path run;
        try (Stream<Path> runs = Files.list(dir.resolve("runs").resolve("gauss"))) {
            run = runs.findFirst().orElseThrow();
        }
        JsonNode provenance = new ObjectMapper().readTree(run.resolve("provenance.json").toFile());
        assertThat(provenance.get("overrides")).extracting(JsonNode::asText).containsExactly("train.steps=4", "seed=3");
        assertThat(provenance.get("seed").asLong()).isEqualTo(3);
        // every file of the run has the mode the umask gives (no 0600 files next to 0644 pictures)
        try (Stream<Path> files = Files.walk(run)) {
            List<Path> all = files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().equals(".lock")).toList();
            assertThat(all).extracting(f -> f.getFileName().toString()).contains("provenance.json", "config.conf", "metrics.jsonl");
            assertThat(all).anyMatch(f -> f.toString().endsWith(".ckpt"));
            var modes = new java.util.HashSet<String>();
            for (Path f : all) {
                modes.add(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
            }
            assertThat(modes).as("modes of %s", all).hasSize(1);
        }
    }

    @Test
    void runWritesACompleteRunFolderAndResumeContinuesIt() throws IOException {
        assertThat(ebm("run", experiment("").toString(), "--out", dir.resolve("runs").toString())).as(cli.err).isZero();
        assertThat(cli.out).contains("run folder: ");
        Path run;
        try (Stream<Path> runs = Files.list(dir.resolve("runs").resolve("gauss"))) {
            run = runs.findFirst().orElseThrow();
        }
        assertThat(run.resolve("config.conf")).content().contains("test-gaussian").contains("train-size");
        JsonNode provenance = new ObjectMapper().readTree(run.resolve("provenance.json").toFile());
        assertThat(provenance.get("plugins").get("fixtures").asText()).isEqualTo("1.0.0");
        assertThat(provenance.get("seed").asLong()).isZero();
        assertThat(provenance.get("overrides")).isEmpty();
        String report = Files.readString(run.resolve("report.html"));
        assertThat(report).contains("<img src=\"plots/curves.png\"").contains("test-gaussian");
        assertThat(run.resolve("plots/curves.png")).exists();
        List<String> metrics = Files.readAllLines(run.resolve("metrics.jsonl"));
        assertThat(metrics).hasSize(3);
        assertThat(new ObjectMapper().readTree(metrics.get(2)).get("step").asLong()).isEqualTo(30);
        JsonNode summary = new ObjectMapper().readTree(run.resolve("summary.json").toFile());
        assertThat(summary.get("steps").asLong()).isEqualTo(30);
        assertThat(summary.get("diverged").asBoolean()).isFalse();
        assertThat(run.resolve("checkpoints").resolve("step-000000030.ckpt")).exists();
        assertThat(run.resolve("plots").resolve("curves.png")).isNotEmptyFile();

        // a resumed run that has already finished ends at once, in the same folder
        assertThat(ebm("resume", run.toString())).as(cli.err).isZero();
        assertThat(cli.out).contains(run.toString());
    }

    @Test
    void badConfigurationExitsWithTwoAndNamesTheProblems() throws IOException {
        assertThat(ebm("run", experiment("objective.type = mean-enrgy\n").toString(), "--out", dir.toString())).isEqualTo(2);
        assertThat(cli.err).contains("objective.type").contains("did you mean 'mean-energy'").contains("gauss.conf");
        assertThat(ebm("run", dir.resolve("missing.conf").toString())).isEqualTo(2);
        assertThat(cli.err).contains("missing.conf").contains("no such file");
        assertThat(ebm("run")).isEqualTo(2);
        assertThat(ebm("frobnicate")).isEqualTo(2);
    }

    @Test
    void checkBuildsEachExperimentWithoutTrainingAndExitsTwoOnABadOne() throws IOException {
        Path good = experiment("");
        assertThat(ebm("check", good.toString())).as(cli.err).isZero();
        assertThat(cli.out).contains("ok").contains("gauss.conf");
        Path bad = Files.writeString(dir.resolve("bad.conf"), Files.readString(good) + "model.dimension = 3\nobjective.type = nope\n");
        assertThat(ebm("check", good.toString(), bad.toString())).isEqualTo(2);
        assertThat(cli.out).contains("ok").contains("bad    " + bad);
        assertThat(cli.err).contains("objective.type").contains("mean-energy");
        assertThat(dir.resolve("runs")).doesNotExist();
    }

    @Test
    void aDivergingRunExitsWithOneAndSaysWhere() throws IOException {
        Path f = experiment("objective { type = nan-at, step = 15 }\n");
        assertThat(ebm("run", f.toString(), "--out", dir.resolve("runs").toString())).isEqualTo(1);
        assertThat(cli.err).contains("diverged at step 15").contains("last good checkpoint");
    }

    @Test
    void pluginsAndDescribeShowWhatIsLoaded() throws IOException {
        Files.write(cli.plugins().resolve("broken.jar"), new byte[] {1, 2, 3});
        assertThat(ebm("plugins")).isZero();
        assertThat(cli.out).contains("fixtures").contains("test-gaussian").contains("mean-energy").contains("broken.jar");
        assertThat(ebm("describe", "test-gaussian")).isZero();
        assertThat(cli.out).contains("train-size").contains("Every coordinate's mean");
        assertThat(ebm("describe", "nope")).isEqualTo(2);
        assertThat(ebm("--version")).isZero();
        assertThat(cli.out).contains("ebm4j");
    }

    private Path onlyRun() throws IOException {
        try (Stream<Path> runs = Files.list(dir.resolve("runs").resolve("gauss"))) {
            return runs.findFirst().orElseThrow();
        }
    }

    /**
     * A plugin built on the fly contributes a training listener by name: it sees every step, with that step's numbers,
     * and stops training; the run still ends with its final checkpoint and summary.
     */
    @Test
    void aListenerFromAPluginSeesEveryStepAndCanStopTraining() throws IOException {
        cli.plugin("stopper", org.ebm4j.runtime.plugin.fixtures.StopAtListenerProvider.class);
        Path f = experiment("listeners = [ { type = stop-at, step = 7 } ]\n");
        assertThat(ebm("run", f.toString(), "--out", dir.resolve("runs").toString())).as(cli.err).isZero();
        Path run = onlyRun();
        assertThat(Files.readAllLines(run.resolve("steps.txt"))).containsExactly(
                java.util.stream.IntStream.rangeClosed(1, 7).mapToObj(i -> i + " [loss/mean-energy, grad-norm/model]").toArray(String[]::new));
        JsonNode summary = new ObjectMapper().readTree(run.resolve("summary.json").toFile());
        assertThat(summary.get("steps").asLong()).isEqualTo(7);
        assertThat(summary.get("early-stopping").asText()).isEqualTo("stop-at reached step 7");
        assertThat(run.resolve("checkpoints").resolve("step-000000007.ckpt")).exists();
        assertThat(cli.out).contains("stop-at reached step 7");
    }

    /**
     * Evaluators of one type coexist under labels, in summary.json, metrics.jsonl (each line says its source) and
     * plots/<label>/; every metric keeps its name (with '/') and its order everywhere.
     */
    @Test
    void evaluatorsOfOneTypeCoexistUnderLabelsWithTheirMetricsInOrder() throws IOException {
        Path f = experiment("evaluators = [ test-mean-energy, { type = test-mean-energy, label = doubled, scale = 2 } ]\n"
                + "train.eval-every = 10\n");
        assertThat(ebm("run", f.toString(), "--out", dir.resolve("runs").toString())).as(cli.err).isZero();
        Path run = onlyRun();
        JsonNode evaluation = new ObjectMapper().readTree(run.resolve("summary.json").toFile()).get("evaluation");
        assertThat(evaluation.fieldNames()).toIterable().containsExactly("test-mean-energy", "doubled");
        assertThat(evaluation.get("test-mean-energy").fieldNames()).toIterable().containsExactly("zeta", "mean-energy/test", "alpha", "draw");
        assertThat(evaluation.get("doubled").get("mean-energy/test").asDouble())
                .isCloseTo(2 * evaluation.get("test-mean-energy").get("mean-energy/test").asDouble(), org.assertj.core.api.Assertions.within(1e-6));
        List<JsonNode> lines = new java.util.ArrayList<>();
        for (String line : Files.readAllLines(run.resolve("metrics.jsonl"))) {
            lines.add(new ObjectMapper().readTree(line));
        }
        assertThat(lines).allSatisfy(l -> assertThat(l.has("source")).isTrue());
        assertThat(lines.stream().filter(l -> l.get("source").asText().equals("doubled")).map(l -> l.get("step").asLong()))
                .containsExactly(10L, 20L, 30L);
        assertThat(lines.stream().filter(l -> l.get("source").asText().equals("test-mean-energy")).findFirst().orElseThrow().fieldNames())
                .toIterable().containsExactly("step", "source", "zeta", "mean-energy/test", "alpha", "draw");
        assertThat(run.resolve("plots").resolve("doubled").resolve("mark.txt")).hasContent("step 30");
        assertThat(run.resolve("plots").resolve("test-mean-energy").resolve("mark.txt")).hasContent("step 30");
        assertThat(cli.out).contains("step 10 doubled: zeta=1.000 mean-energy/test=").contains("test-mean-energy mean-energy/test: ");
        // the two evaluators draw from their own streams, derived from the seed: a rerun gives the same numbers
        assertThat(evaluation.get("doubled").get("draw").asDouble()).isNotEqualTo(evaluation.get("test-mean-energy").get("draw").asDouble());
    }

    /** What would fail at step 1 fails the check, with exit 2, the key and the file, and no run folder is made. */
    @Test
    void checkFindsCombinationsThatWouldFailAtTheFirstStep() throws IOException {
        Path f = experiment("objective { type = test-picky, capacity = 16 }\n");
        assertThat(ebm("check", f.toString())).isEqualTo(2);
        assertThat(cli.err).contains("objective.capacity").contains("holds 16 rows, less than train.batch-size 32").contains("gauss.conf");
        assertThat(ebm("run", f.toString(), "--out", dir.resolve("runs").toString())).isEqualTo(2);
        assertThat(dir.resolve("runs")).doesNotExist();
        assertThat(ebm("check", f.toString(), "--set", "train.batch-size=16")).as(cli.err).isZero();
    }

    /**
     * A third-party jar that registers a built-in's name no longer disables the built-in: run, plugins and describe
     * agree that the plain name is the built-in's and the other is 'plugin-id/name'.
     */
    @Test
    void aThirdPartyJarCannotTakeABuiltInsName() throws IOException {
        // the fixtures jar plays the built-in 'mcmc' plugin, acme brings its own 'test-langevin'
        Files.delete(cli.plugins().resolve("fixtures-1.0.0.jar"));
        cli.plugin("mcmc", org.ebm4j.runtime.fixtures.GaussianDataProvider.class, org.ebm4j.runtime.fixtures.QuadraticModelProvider.class,
                org.ebm4j.runtime.plugin.fixtures.ConstantObjectiveProvider.class, org.ebm4j.runtime.fixtures.LangevinSamplerProvider.class);
        cli.plugin("acme", org.ebm4j.runtime.fixtures.LangevinSamplerProvider.class);
        Path f = experiment("sampler { type = test-langevin, steps = 3 }\n");
        assertThat(ebm("check", f.toString())).as(cli.err).isZero();
        assertThat(cli.err).contains("warning: the sampler 'test-langevin' is registered by plugin acme (acme-2.0.0.jar) and plugin mcmc")
                .contains("is the built-in plugin mcmc's").contains("use 'acme/test-langevin'");
        assertThat(ebm("check", f.toString(), "--set", "sampler.type=acme/test-langevin")).as(cli.err).isZero();
        assertThat(ebm("plugins")).isZero();
        assertThat(cli.out).contains("Name conflicts:").doesNotContain("Not loaded:");
        assertThat(cli.out).containsPattern("sampler +test-langevin .*\\[mcmc]").containsPattern("sampler +acme/test-langevin .*\\[acme]");
        assertThat(ebm("describe", "test-langevin")).as(cli.err).isZero();
        assertThat(cli.out).contains("sampler 'test-langevin' (plugin mcmc)").contains("sampler 'acme/test-langevin' (plugin acme)");
    }

    @Test
    void describeShowsTheTrainingAndOptimiserSettingsAndReportsBrokenJars() throws IOException {
        assertThat(ebm("describe", "train")).as(cli.err).isZero();
        assertThat(cli.out).contains("batch-size").contains("# Rows per minibatch.").contains("early-stopping").contains("learning-rate");
        assertThat(ebm("describe", "optimizer", "adam")).as(cli.err).isZero();
        assertThat(cli.out).contains("beta1").contains("beta2").contains("epsilon").contains("step { decay, every }");
        assertThat(ebm("describe", "optimizer", "adamm")).isEqualTo(2);
        assertThat(cli.err).contains("did you mean 'adam'");
        Files.write(cli.plugins().resolve("broken.jar"), new byte[] {1, 2, 3});
        assertThat(ebm("describe", "test-gaussian")).isZero();
        assertThat(cli.err).contains("warning: plugin broken.jar: it is not a readable jar");
        assertThat(ebm("describe", "model", "test-quadratic")).isZero();
        assertThat(cli.out).contains("model 'test-quadratic'");
        // a nested component's settings as a run gets them: the recommendation over the sampler's own defaults
        assertThat(ebm("describe", "test-nested")).as(cli.err).isZero();
        assertThat(cli.out).contains("The nested sampler, with the settings this objective recommends")
                .containsPattern("steps\\s*=\\s*20").containsPattern("step-size\\s*=\\s*0.1");
    }
}
