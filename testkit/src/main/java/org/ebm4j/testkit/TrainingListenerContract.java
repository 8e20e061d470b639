package org.ebm4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.ebm4j.api.training.TrainingControl;
import org.ebm4j.api.training.TrainingEnd;
import org.ebm4j.api.training.TrainingListener;
import org.ebm4j.api.training.TrainingStart;
import org.junit.jupiter.api.Test;

/**
 * The contract of a training listener: it goes through a run of 30 steps as the trainer drives one (every step's
 * numbers, log windows as source {@code train}, an evaluation, a checkpoint, the end and {@code close()}) without
 * failing, keeps its files inside the run folder, and does the same from the same seed. Its fingerprint is when it
 * stopped or failed the run, what it published and the bytes it wrote.
 */
public abstract class TrainingListenerContract extends ComponentContract<TrainingListener> {

    private static final int STEPS = 30;

    @Override
    protected final String kind() {
        return "listener";
    }

    /** What a simulated run saw of the listener. */
    protected record Run(Path folder, long stoppedAt, long failedAt, List<String> published, long bytesWritten) {}

    /** Drives {@code listener} through a run of {@value #STEPS} steps in a new folder, as the trainer would. */
    protected final Run run(TrainingListener listener, long seed) {
        try {
            Path folder = Files.createTempDirectory("listener-contract");
            List<String> published = new ArrayList<>();
            long[] stop = {-1};
            long[] fail = {-1};
            long[] now = {0};
            TrainingControl control = new TrainingControl() {
                @Override
                public void stop(String reason) {
                    if (stop[0] < 0) {
                        stop[0] = now[0];
                    }
                }

                @Override
                public void fail(String reason) {
                    if (fail[0] < 0) {
                        fail[0] = now[0];
                    }
                }

                @Override
                public void publish(String source, Map<String, Double> metrics) {
                    published.add(now[0] + " " + source + " " + metrics);
                    listener.onMetrics(now[0], source, metrics);
                }
            };
            listener.onStart(new TrainingStart("contract", folder, 0, STEPS));
            long last = 0;
            for (long step = 1; step <= STEPS && stop[0] < 0 && fail[0] < 0; step++) {
                now[0] = step;
                Map<String, Double> metrics = new LinkedHashMap<>();
                metrics.put("loss/contract", 1.0 / step + (seed % 7) * 1e-3);
                metrics.put("grad-norm/model", 0.5);
                listener.onStep(step, metrics, control);
                if (step % 10 == 0) {
                    Map<String, Double> window = new LinkedHashMap<>(metrics);
                    window.put("steps-per-s", 100.0);
                    listener.onMetrics(step, "train", window);
                    listener.onMetrics(step, "evaluator-label", Map.of("test-nll", 2.5, "log-z", 1.25));
                    listener.onCheckpoint(step, folder.resolve("checkpoints").resolve(String.format("step-%09d.ckpt", step)));
                }
                last = step;
            }
            boolean failed = fail[0] >= 0;
            listener.onEnd(new TrainingEnd(failed ? last - 1 : last, Optional.empty(), failed), control);
            if (listener instanceof AutoCloseable c) {
                c.close();
            }
            long bytes;
            try (Stream<Path> files = Files.walk(folder)) {
                bytes = files.filter(Files::isRegularFile).mapToLong(f -> {
                    try {
                        return Files.size(f);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }).sum();
            }
            return new Run(folder, stop[0], fail[0], published, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new AssertionError("the listener failed while closing: " + e, e);
        }
    }

    @Override
    protected double[] fingerprint(TrainingListener listener, long seed) {
        Run run = run(listener, seed);
        return new double[] {run.stoppedAt(), run.failedAt(), run.published().hashCode(), run.bytesWritten()};
    }

    @Test
    void goesThroughARunAndKeepsItsFilesInTheRunFolder() {
        Run run = run(create(1), 3);
        assertThat(run.folder()).isDirectory();
        assertThat(run.failedAt()).as("a listener on a healthy run does not fail it").isNegative();
    }
}
