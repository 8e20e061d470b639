package org.ebm4j.runtime.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.ebm4j.runtime.cli.Cli;

/**
 * Writes the golden run of this checkpoint format into {@code src/test/resources/golden/format-N/}: a run folder
 * ({@code config.conf} and its step-10 checkpoint) and the step-20 checkpoint of the same run uninterrupted.
 * Run it once when the format changes (then bump {@link CheckpointStore#FORMAT}); never regenerate an old format's
 * files: later versions must keep reading them as they are.
 * <pre>{@code java -cp <runtime test classpath> org.ebm4j.runtime.training.GoldenCheckpoints runtime/src/test/resources/golden}</pre>
 */
public final class GoldenCheckpoints {

    /** The golden experiment: the fixtures' quadratic model and the replay objective, whose state is checkpointed. */
    static final String EXPERIMENT = """
            name = golden
            seed = 7
            data { type = test-gaussian }
            model { type = test-quadratic }
            objective { type = replay }
            train { steps = 20, batch-size = 16, log-every = 5, checkpoint-every = 10,
                    optimizer { type = adam, learning-rate = 0.05 } }
            """;

    private GoldenCheckpoints() {}

    public static void main(String[] args) throws IOException {
        Path target = Path.of(args[0]).resolve("format-" + CheckpointStore.FORMAT);
        Path work = Files.createTempDirectory("golden");
        Cli cli = new Cli(work);
        Path file = Files.writeString(work.resolve("golden.conf"), EXPERIMENT);
        if (cli.ebm("run", file.toString(), "--out", work.resolve("runs").toString()) != 0) {
            throw new IllegalStateException(cli.err);
        }
        Path run;
        try (var runs = Files.list(work.resolve("runs").resolve("golden"))) {
            run = runs.findFirst().orElseThrow();
        }
        Files.createDirectories(target.resolve("run").resolve("checkpoints"));
        Files.copy(run.resolve("config.conf"), target.resolve("run").resolve("config.conf"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(run.resolve("checkpoints").resolve("step-000000010.ckpt"),
                target.resolve("run").resolve("checkpoints").resolve("step-000000010.ckpt"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(run.resolve("checkpoints").resolve("step-000000020.ckpt"),
                target.resolve("step-000000020-uninterrupted.ckpt"), StandardCopyOption.REPLACE_EXISTING);
        System.out.println("golden files of format " + CheckpointStore.FORMAT + " in " + target);
    }
}
