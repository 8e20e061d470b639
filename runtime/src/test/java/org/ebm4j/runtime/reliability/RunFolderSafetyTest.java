package org.ebm4j.runtime.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.ebm4j.runtime.cli.Cli;
import org.ebm4j.runtime.run.RunLock;
import org.ebm4j.runtime.training.Interruption;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What ebm promises about a run folder: one writer, no leftovers, bounded checkpoints, resumes that change only what they should. */
class RunFolderSafetyTest {

    @TempDir
    Path dir;

    Cli cli;

    @BeforeEach
    void plugins() throws IOException {
        cli = new Cli(Files.createDirectories(dir.resolve("cli")));
        Interruption.clear();
    }

    @AfterEach
    void clear() {
        Interruption.clear();
    }

    private Path train(String extra) throws IOException {
        Path file = Files.writeString(dir.resolve("gauss.conf"), HostileConfigsTest.BASE + extra + "\n");
        Path out = dir.resolve("runs");
        assertThat(cli.ebm("run", file.toString(), "--out", out.toString())).as(cli.err).isIn(0, 1, 130, 143);
        try (Stream<Path> s = Files.list(out.resolve("gauss"))) {
            return s.max(Path::compareTo).orElseThrow();
        }
    }

    private static List<String> checkpoints(Path run) throws IOException {
        try (Stream<Path> s = Files.list(run.resolve("checkpoints"))) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aSecondWriterOfARunFolderIsRefusedWithWhoHoldsIt() throws IOException {
        Path run = train("train.steps = 20");
        try (RunLock held = RunLock.acquire(run)) {
            assertThat(cli.ebm("resume", run.toString(), "--steps", "40")).isEqualTo(2);
            assertThat(cli.err).contains("is in use by another ebm process").contains("Wait for it to finish").doesNotContain("\tat ");
        }
        assertThat(cli.ebm("resume", run.toString(), "--steps", "40")).as(cli.err).isZero();
        assertThat(checkpoints(run)).contains("step-000000040.ckpt");
    }

    @Test
    void resumingAFinishedRunChangesNothingUnlessGivenMoreSteps() throws IOException {
        Path run = train("");
        byte[] summary = Files.readAllBytes(run.resolve("summary.json"));
        byte[] metrics = Files.readAllBytes(run.resolve("metrics.jsonl"));
        assertThat(cli.ebm("resume", run.toString())).isZero();
        assertThat(cli.out).contains("has finished (step 30 of 30); nothing was changed").contains("--steps N");
        assertThat(run.resolve("summary.json")).hasBinaryContent(summary);
        assertThat(run.resolve("metrics.jsonl")).hasBinaryContent(metrics);

        assertThat(cli.ebm("resume", run.toString(), "--steps", "20")).isEqualTo(2);
        assertThat(cli.err).contains("would shorten it");
        assertThat(cli.ebm("resume", run.toString(), "--steps", "50")).as(cli.err).isZero();
        assertThat(run.resolve("config.conf")).content().contains("steps=50");
        JsonNode s = new ObjectMapper().readTree(run.resolve("summary.json").toFile());
        assertThat(s.get("steps").asLong()).isEqualTo(50);
        List<String> lines = Files.readAllLines(run.resolve("metrics.jsonl"));
        assertThat(lines.stream().filter(l -> l.contains("\"source\":\"train\"")).count()).isEqualTo(5); // steps 10..50, no repeats
    }

    @Test
    void onlyTheNewestCheckpointsAreKept() throws IOException {
        Path run = train("train { steps = 60, checkpoint-every = 10, keep-checkpoints = 2 }");
        assertThat(checkpoints(run)).containsExactly("step-000000050.ckpt", "step-000000060.ckpt");
        Path all = train("train { steps = 40, checkpoint-every = 10, keep-checkpoints = 0 }");
        assertThat(checkpoints(all)).hasSize(4);
    }

    @Test
    void theCheckpointOfTheBestValidationLossIsKeptToo() throws IOException {
        // the validation loss is (step - 20)²: lowest at step 20, long after keep-checkpoints = 1 would have dropped it
        Path run = train("objective { type = test-valley, best = 20 }\n"
                + "train { steps = 60, checkpoint-every = 10, keep-checkpoints = 1, early-stopping { enabled = true, every = 10, patience = 100 } }");
        assertThat(checkpoints(run)).containsExactly("step-000000020.ckpt", "step-000000060.ckpt");
    }

    @Test
    void temporaryFilesOfInterruptedWritesAreRemovedOnResume() throws IOException {
        Path run = train("train.steps = 20");
        Files.writeString(run.resolve("checkpoints/.writing-123.tmp"), "half a checkpoint");
        Files.writeString(run.resolve(".writing-9.json"), "half a summary");
        assertThat(cli.ebm("resume", run.toString(), "--steps", "30")).as(cli.err).isZero();
        assertThat(cli.out).contains("removed 2 temporary file(s)");
        assertThat(run.resolve("checkpoints/.writing-123.tmp")).doesNotExist();
        assertThat(run.resolve(".writing-9.json")).doesNotExist();
    }

    @Test
    void aRunWithoutAnyCheckpointIsTrainedFromTheStart() throws IOException {
        Path run = train("");
        try (Stream<Path> s = Files.list(run.resolve("checkpoints"))) {
            for (Path p : s.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(run.resolve("summary.json"));
        assertThat(cli.ebm("resume", run.toString())).as(cli.err).isZero();
        assertThat(cli.out).contains("no checkpoint").contains("from step 0");
        assertThat(checkpoints(run)).contains("step-000000030.ckpt");
    }

    /** SIGTERM (delivered as the handler would): the step ends, a checkpoint is written, 143, a resume hint; resuming ends as an uninterrupted run. */
    @Test
    void anInterruptedRunCheckpointsSaysHowToResumeAndResumesExactly() throws IOException {
        Path whole = train("");
        byte[] expected = CraftedCheckpointsTest.parameters(whole.resolve("checkpoints/step-000000030.ckpt"));
        Interruption.request("SIGTERM");
        Path file = Files.writeString(dir.resolve("gauss.conf"), HostileConfigsTest.BASE);
        int code = cli.ebm("run", file.toString(), "--out", dir.resolve("interrupted").toString());
        Interruption.clear();
        assertThat(code).isEqualTo(143);
        assertThat(cli.err).contains("Interrupted by SIGTERM at step 1 of 30").contains("a checkpoint of step 1 is written")
                .contains("Resume with: ebm resume ");
        Path run;
        try (Stream<Path> s = Files.list(dir.resolve("interrupted/gauss"))) {
            run = s.findFirst().orElseThrow();
        }
        assertThat(checkpoints(run)).containsExactly("step-000000001.ckpt");
        assertThat(new ObjectMapper().readTree(run.resolve("summary.json").toFile()).get("interrupted").asText()).contains("ebm resume");
        assertThat(cli.ebm("resume", run.toString())).as(cli.err).isZero();
        assertThat(CraftedCheckpointsTest.parameters(run.resolve("checkpoints/step-000000030.ckpt"))).isEqualTo(expected);
        Interruption.request("SIGINT");
        Path again = Files.writeString(dir.resolve("gauss.conf"), HostileConfigsTest.BASE);
        assertThat(cli.ebm("run", again.toString(), "--out", dir.resolve("ctrl-c").toString())).isEqualTo(130);
    }

    @Test
    void aRunThatDivergesBeforeItsFirstCheckpointSaysNothingWasKept() throws IOException {
        train("train.optimizer.learning-rate = 1e39");
        assertThat(cli.err).contains("Training diverged at step 1").contains("before its first checkpoint: nothing was kept");
    }

    @Test
    void editingTheArchitectureOfARunIsExitTwoNamingTheEdit() throws IOException {
        Path run = train("train.steps = 20");
        Path conf = run.resolve("config.conf");
        Files.writeString(conf, Files.readString(conf).replaceFirst("dimension=0", "dimension=3"));
        assertThat(cli.ebm("resume", run.toString(), "--steps", "30")).isEqualTo(2);
        assertThat(cli.err).contains("config.conf").doesNotContain("\tat ");
    }

    @Test
    void aConfigurationWithSubstitutionsInARunFolderIsNotResolved() throws IOException {
        Path run = train("train.steps = 20");
        Path conf = run.resolve("config.conf");
        Files.writeString(conf, Files.readString(conf) + "\nleak = ${?HOME}\n");
        assertThat(cli.ebm("resume", run.toString(), "--steps", "30")).isEqualTo(2);
        assertThat(cli.err).contains("contains substitutions");
        assertThat(cli.ebm("sample", run.toString(), "--n", "5", "--steps", "2", "--sampler", "test-langevin")).isEqualTo(2);
    }

    @Test
    void aRunFolderThatCannotBeWrittenIsExitTwo() throws IOException {
        assumeThat(System.getProperty("user.name")).as("root writes anywhere").isNotEqualTo("root");
        Path run = train("train.steps = 20");
        Files.setPosixFilePermissions(run, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assertThat(cli.ebm("resume", run.toString(), "--steps", "30")).isEqualTo(2);
            assertThat(cli.err).contains("permission denied").doesNotContain("\tat ");
        } finally {
            Files.setPosixFilePermissions(run, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void resumeAndSampleOfWhatIsNotARunFolderAreExitTwo() throws IOException {
        assertThat(cli.ebm("resume", dir.resolve("nowhere").toString())).isEqualTo(2);
        assertThat(cli.err).contains("No such run folder");
        Path file = Files.writeString(dir.resolve("plain.txt"), "x");
        assertThat(cli.ebm("resume", file.toString())).isEqualTo(2);
        assertThat(cli.err).contains("is a file, not a run folder");
        assertThat(cli.ebm("resume", dir.toString())).isEqualTo(2);
        assertThat(cli.err).contains("has no config.conf");
        assertThat(cli.ebm("resume", dir.toString(), "--steps", "0")).isEqualTo(2);
    }

    /** A bug (not bad input) prints one line saying so and where the details are, and leaves them in a crash report. */
    @Test
    void aBugLeavesACrashReportAndSaysWhere() throws IOException {
        train("objective.type = test-buggy");
        assertThat(cli.err).contains("internal error (a bug in ebm4j or a plugin, not in your input): NullPointerException")
                .contains("The details are in ").doesNotContain("\tat ");
        String file = cli.err.lines().filter(l -> l.startsWith("The details are in ")).findFirst().orElseThrow()
                .substring("The details are in ".length()).replaceFirst("; please attach it to a bug report\\.$", "");
        assertThat(Path.of(file)).content().contains("command: ebm").contains("NullPointerException").contains("\tat ");
        Files.delete(Path.of(file));
    }

    @Test
    void pluginFoldersAndCommandsThatDoNotExistAreExitTwo() throws IOException {
        assertThat(org.ebm4j.runtime.cli.EbmCommand.execute(new String[] {"--plugins", dir.resolve("none").toString(), "plugins"},
                System.out, new java.io.PrintStream(new java.io.ByteArrayOutputStream()))).isEqualTo(2);
        assertThat(cli.ebm("teleport", "--help")).isEqualTo(2);
        assertThat(cli.err).contains("Unknown command 'teleport'").contains("run, check");
        assertThat(cli.ebm("--help")).isZero();
    }
}
