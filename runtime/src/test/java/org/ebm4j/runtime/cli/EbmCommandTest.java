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
}
