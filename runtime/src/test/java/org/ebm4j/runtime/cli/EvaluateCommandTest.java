package org.ebm4j.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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

/** {@code ebm evaluate}: evaluators on a trained run, a checkpoint or an experiment file, without retraining. */
class EvaluateCommandTest {

    @TempDir
    Path dir;

    private Cli cli;

    @BeforeEach
    void plugins() throws IOException {
        cli = new Cli(dir);
    }

    private Path trainedRun() throws IOException {
        Path f = cli.experiment("evaluators = [ test-mean-energy ]\n");
        assertThat(cli.ebm("run", f.toString(), "--out", dir.resolve("runs").toString())).as(cli.err).isZero();
        try (Stream<Path> runs = Files.list(dir.resolve("runs").resolve("gauss"))) {
            return runs.findFirst().orElseThrow();
        }
    }

    private static List<Path> folders(Path parent) throws IOException {
        try (Stream<Path> s = Files.list(parent)) {
            return s.sorted().toList();
        }
    }

    @Test
    void evaluatesTheTrainedModelOfARunWithoutRetraining() throws IOException {
        Path run = trainedRun();
        double trained = new ObjectMapper().readTree(run.resolve("summary.json").toFile())
                .get("evaluation").get("test-mean-energy").get("mean-energy/test").asDouble();
        assertThat(cli.ebm("evaluate", run.toString())).as(cli.err).isZero();
        assertThat(cli.out).contains("test-mean-energy: " + run.resolve("evaluations")).contains("mean-energy/test:");
        Path folder = folders(run.resolve("evaluations")).get(0);
        assertThat(folder.getFileName().toString()).startsWith("test-mean-energy-");
        JsonNode report = new ObjectMapper().readTree(folder.resolve("evaluation.json").toFile());
        assertThat(report.get("metrics").get("mean-energy/test").asDouble()).isCloseTo(trained, within(1e-9));
        assertThat(report.get("parameters").asText()).contains("checkpoint step 30");
        assertThat(report.get("files").get(0).asText()).isEqualTo("mark.txt");
        assertThat(folder.resolve("mark.txt")).hasContent("step 30");
        // the checkpoint holds the run's training state: nothing was trained again
        assertThat(Files.list(run.resolve("checkpoints")).count()).isEqualTo(3);
    }

    @Test
    void evaluatorsChosenOnTheCommandLineCoexistUnderLabels() throws IOException {
        Path run = trainedRun();
        assertThat(cli.ebm("evaluate", run.toString(), "--evaluator", "test-mean-energy",
                "--evaluator", "{type = test-mean-energy, label = doubled, scale = 2}")).as(cli.err).isZero();
        List<Path> made = folders(run.resolve("evaluations"));
        assertThat(made).extracting(p -> p.getFileName().toString().replaceFirst("-\\d{8}-\\d{6}.*$", ""))
                .containsExactlyInAnyOrder("test-mean-energy", "doubled");
        double single = 0;
        double doubled = 0;
        for (Path p : made) {
            JsonNode r = new ObjectMapper().readTree(p.resolve("evaluation.json").toFile());
            if (r.get("label").asText().equals("doubled")) {
                doubled = r.get("metrics").get("mean-energy/test").asDouble();
                assertThat(r.get("evaluator").get("scale").asDouble()).isEqualTo(2.0);
            } else {
                single = r.get("metrics").get("mean-energy/test").asDouble();
            }
        }
        assertThat(doubled).isCloseTo(2 * single, within(1e-9));
    }

    @Test
    void anExperimentFileIsEvaluatedAsBuilt() throws IOException {
        Path f = cli.experiment("");
        Path out = dir.resolve("ev");
        assertThat(cli.ebm("evaluate", f.toString(), "--evaluator", "test-mean-energy", "--out", out.toString())).as(cli.err).isZero();
        JsonNode report = new ObjectMapper().readTree(folders(out).get(0).resolve("evaluation.json").toFile());
        assertThat(report.get("parameters").asText()).contains("untrained");
    }

    @Test
    void badRequestsExitWithTwo() throws IOException {
        Path f = cli.experiment("");
        assertThat(cli.ebm("evaluate", f.toString())).isEqualTo(2);
        assertThat(cli.err).contains("evaluators").contains("--evaluator NAME");
        assertThat(cli.ebm("evaluate", f.toString(), "--evaluator", "test-mean-enrgy")).isEqualTo(2);
        assertThat(cli.err).contains("evaluators[0].type").contains("did you mean 'test-mean-energy'");
        assertThat(cli.ebm("evaluate", f.toString(), "--evaluator", "{type = test-mean-energy, scael = 2}")).isEqualTo(2);
        assertThat(cli.err).contains("evaluators[0].scael");
        assertThat(cli.ebm("evaluate", dir.resolve("nothing").toString())).isEqualTo(2);
    }
}
