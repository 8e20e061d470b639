package org.ebm4j.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.ebm4j.runtime.fixtures.TestPluginJar;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EbmCommandTest {

    @TempDir
    Path dir;

    private Path plugins;
    private String out;
    private String err;

    @BeforeEach
    void plugins() throws IOException {
        plugins = Files.createDirectories(dir.resolve("plugins"));
        TestPluginJar.fixtures(plugins);
    }

    private int ebm(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        String[] all = Stream.concat(Stream.of("--plugins", plugins.toString()), Stream.of(args)).toArray(String[]::new);
        int code = EbmCommand.execute(all, new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8));
        out = o.toString(StandardCharsets.UTF_8);
        err = e.toString(StandardCharsets.UTF_8);
        return code;
    }

    private Path experiment(String extra) throws IOException {
        return Files.writeString(dir.resolve("gauss.conf"), """
                data { type = test-gaussian }
                model { type = test-quadratic }
                objective { type = mean-energy }
                train { steps = 30, batch-size = 32, log-every = 10, checkpoint-every = 10,
                        optimizer { type = sgd, learning-rate = 0.1 } }
                """ + extra);
    }

    @Test
    void runWritesACompleteRunFolderAndResumeContinuesIt() throws IOException {
        assertThat(ebm("run", experiment("").toString(), "--out", dir.resolve("runs").toString())).as(err).isZero();
        assertThat(out).contains("run folder: ");
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
        assertThat(ebm("resume", run.toString())).as(err).isZero();
        assertThat(out).contains(run.toString());
    }

    @Test
    void badConfigurationExitsWithTwoAndNamesTheProblems() throws IOException {
        assertThat(ebm("run", experiment("objective.type = mean-enrgy\n").toString(), "--out", dir.toString())).isEqualTo(2);
        assertThat(err).contains("objective.type").contains("did you mean 'mean-energy'").contains("gauss.conf");
        assertThat(ebm("run", dir.resolve("missing.conf").toString())).isEqualTo(2);
        assertThat(err).contains("missing.conf").contains("no such file");
        assertThat(ebm("run")).isEqualTo(2);
        assertThat(ebm("frobnicate")).isEqualTo(2);
    }

    @Test
    void checkBuildsEachExperimentWithoutTrainingAndExitsTwoOnABadOne() throws IOException {
        Path good = experiment("");
        assertThat(ebm("check", good.toString())).as(err).isZero();
        assertThat(out).contains("ok").contains("gauss.conf");
        Path bad = Files.writeString(dir.resolve("bad.conf"), Files.readString(good) + "model.dimension = 3\nobjective.type = nope\n");
        assertThat(ebm("check", good.toString(), bad.toString())).isEqualTo(2);
        assertThat(out).contains("ok").contains("bad    " + bad);
        assertThat(err).contains("objective.type").contains("mean-energy");
        assertThat(dir.resolve("runs")).doesNotExist();
    }

    @Test
    void aDivergingRunExitsWithOneAndSaysWhere() throws IOException {
        Path f = experiment("objective { type = nan-at, step = 15 }\n");
        assertThat(ebm("run", f.toString(), "--out", dir.resolve("runs").toString())).isEqualTo(1);
        assertThat(err).contains("diverged at step 15").contains("last good checkpoint");
    }

    @Test
    void pluginsAndDescribeShowWhatIsLoaded() throws IOException {
        Files.write(plugins.resolve("broken.jar"), new byte[] {1, 2, 3});
        assertThat(ebm("plugins")).isZero();
        assertThat(out).contains("fixtures").contains("test-gaussian").contains("mean-energy").contains("broken.jar");
        assertThat(ebm("describe", "test-gaussian")).isZero();
        assertThat(out).contains("train-size").contains("Every coordinate's mean");
        assertThat(ebm("describe", "nope")).isEqualTo(2);
        assertThat(ebm("--version")).isZero();
        assertThat(out).contains("ebm4j");
    }
}
