package org.ebm4j.runtime.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.ebm4j.api.EbmException;
import org.ebm4j.api.training.TrainingControl;
import org.ebm4j.api.training.TrainingEnd;
import org.ebm4j.api.training.TrainingListener;
import org.ebm4j.runtime.config.ExperimentLoader;
import org.ebm4j.runtime.config.ExperimentSpec;
import org.ebm4j.runtime.fixtures.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

class TrainerTest {

    @TempDir
    Path dir;

    private final ExperimentLoader loader = Fixtures.loader();

    private ExperimentSpec spec(String objective, List<String> overrides) throws IOException {
        Path f = Files.writeString(dir.resolve("exp.conf"), """
                seed = 7
                data { type = test-gaussian, mean = 1.5 }
                model { type = test-quadratic }
                objective { type = %s }
                train { steps = 40, batch-size = 64, log-every = 10, checkpoint-every = 20,
                        optimizer { type = sgd, learning-rate = 0.1 } }
                """.formatted(objective));
        return loader.load(f, overrides);
    }

    /** Records what listeners are told. */
    private static final class Recorder implements TrainingListener {
        final List<Long> steps = new ArrayList<>();
        final List<String> published = new ArrayList<>();
        final List<Map<String, Double>> metrics = new ArrayList<>();

        @Override
        public void onStep(long step, Map<String, Double> m, TrainingControl control) {
            steps.add(step);
        }

        @Override
        public void onMetrics(long step, String source, Map<String, Double> m) {
            published.add(step + " " + source);
            metrics.add(m);
        }
    }

    @Test
    void minimisingTheMeanEnergyOfAQuadraticFindsTheDataMean() throws IOException {
        Recorder recorder = new Recorder();
        Training.Result r = Training.train(spec("mean-energy", List.of("train.steps=300")), dir, Optional.empty(), recorder);
        assertThat(r.outcome().diverged()).isFalse();
        assertThat(r.outcome().steps()).isEqualTo(300);
        assertThat(recorder.steps).hasSize(300).startsWith(1L).endsWith(300L);
        assertThat(recorder.published).hasSize(30).endsWith("300 train");
        assertThat(recorder.metrics.get(0).keySet()).containsExactly("loss/mean-energy", "grad-norm/model", "steps-per-s");
        // E = ½‖x - m‖²: the minimiser of the mean energy is the data mean; SGD with lr 0.1 on batches of 64
        // fluctuates around it with sd ≈ √(lr/(2-lr)) / √64 ≈ 0.029 per coordinate
        INDArray dataMean = r.experiment().data().train().mean(0);
        INDArray centre = r.experiment().model().parameters().get("centre").array();
        for (int j = 0; j < 2; j++) {
            assertThat(centre.getDouble(0, j)).isCloseTo(dataMean.getDouble(j), within(0.15));
        }
    }

    /** A listener sees every step and may stop training; the run then still ends with its checkpoint and evaluation. */
    @Test
    void aListenerCanStopTraining() throws IOException {
        Recorder recorder = new Recorder();
        TrainingListener stopper = new TrainingListener() {
            @Override
            public void onStep(long step, Map<String, Double> metrics, TrainingControl control) {
                if (step == 13) {
                    control.stop("enough at 13");
                }
            }
        };
        Training.Result r = Training.train(spec("mean-energy", List.of("evaluators=[test-mean-energy]")), dir, Optional.empty(),
                stopper, recorder);
        assertThat(recorder.steps).containsExactly(java.util.stream.LongStream.rangeClosed(1, 13).boxed().toArray(Long[]::new));
        assertThat(r.end()).isEqualTo(new TrainingEnd(13, Optional.of("enough at 13"), false));
        assertThat(r.outcome().earlyStopping()).contains("enough at 13");
        assertThat(r.checkpoints().latest()).hasValueSatisfying(p -> assertThat(p.getFileName().toString()).isEqualTo("step-000000013.ckpt"));
        assertThat(recorder.published).contains("13 train", "13 test-mean-energy");
    }

    /**
     * SGD on the mean energy reaches the data mean within ~100 steps and then only fluctuates, so the validation
     * loss stops improving: the run stops long before its 3000 steps and ends with the best check's parameters.
     */
    @Test
    void earlyStoppingStopsWhenTheValidationLossStallsAndKeepsTheBestParameters() throws IOException {
        Recorder recorder = new Recorder();
        Training.Result r = Training.train(spec("mean-energy", List.of("train.steps=3000", "train.early-stopping.enabled=true",
                "train.early-stopping.every=20", "train.early-stopping.patience=3")), dir, Optional.empty(), recorder);
        TrainingOutcome outcome = r.outcome();
        assertThat(outcome.diverged()).isFalse();
        assertThat(outcome.steps()).isLessThan(3000);
        assertThat(outcome.earlyStopping()).hasValueSatisfying(m -> assertThat(m).startsWith("Stopped early at step " + outcome.steps())
                .contains("restored the parameters of step"));
        List<Double> checks = new ArrayList<>();
        for (int i = 0; i < recorder.published.size(); i++) {
            if (recorder.published.get(i).endsWith(" validation")) {
                checks.add(recorder.metrics.get(i).get("validation-loss"));
            }
        }
        double best = checks.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        assertThat(checks).hasSize((int) (outcome.steps() / 20));
        // the last three checks did not beat the best one, and the model now holds the best check's parameters
        assertThat(checks.subList(checks.size() - 3, checks.size())).allMatch(v -> v >= best);
        INDArray centre = r.experiment().model().parameters().get("centre").array();
        INDArray validationMean = TrainingData.of(r.experiment()).validation().orElseThrow().mean(0);
        assertThat(centre.getDouble(0, 0)).isCloseTo(validationMean.getDouble(0), within(0.15));
    }

    /**
     * Early stopping measures with the objective's side-effect-free validation losses: the replay objective's
     * buffer only ever holds training batches (it used to receive the validation rows too, which crashed PCD).
     */
    @Test
    void earlyStoppingNeverChangesTheObjectivesState() throws IOException {
        Training.Result r = Training.train(spec("replay", List.of("train.early-stopping.enabled=true", "train.early-stopping.every=5",
                "train.early-stopping.validation-fraction=0.5")), dir, Optional.empty());
        double seen = r.experiment().trainable().state().get("seen").getDouble(0);
        assertThat(seen).as("rows the objective's losses() saw: 40 batches of 64, no validation rows").isEqualTo(40 * 64);
    }

    /** An objective's own state (a replay buffer) is checkpointed: resuming ends exactly where the full run does. */
    @Test
    void resumingRestoresTheObjectivesState() throws IOException {
        Training.Result full = Training.train(spec("replay", List.of()), dir.resolve("a"), Optional.empty());
        Path midway = full.checkpoints().folder().resolve("step-000000020.ckpt");
        assertThat(CheckpointStore.read(midway).objectiveState()).containsKey("buffer");

        Training.Result resumed = Training.train(spec("replay", List.of()), dir.resolve("b"), Optional.of(CheckpointStore.read(midway)));
        assertThat(resumed.experiment().model().parameters().snapshot()).isEqualTo(full.experiment().model().parameters().snapshot());
        assertThat(resumed.experiment().trainable().state()).isEqualTo(full.experiment().trainable().state());
    }

    @Test
    void resumingFromACheckpointEndsWithTheSameParametersAsAnUninterruptedRun() throws IOException {
        Training.Result full = Training.train(spec("mean-energy", List.of()), dir.resolve("a"), Optional.empty());
        Path midway = full.checkpoints().folder().resolve("step-000000020.ckpt");
        Training.Result resumed = Training.train(spec("mean-energy", List.of()), dir.resolve("b"), Optional.of(CheckpointStore.read(midway)));
        assertThat(resumed.outcome().steps()).isEqualTo(40);
        assertThat(resumed.experiment().model().parameters().snapshot()).isEqualTo(full.experiment().model().parameters().snapshot());
    }

    @Test
    void aDivergingRunStopsNamingStepAndLossAndKeepsTheLastGoodCheckpoint() throws IOException {
        Recorder recorder = new Recorder();
        Training.Result r = Training.train(spec("nan-at", List.of("objective.step=25", "train.checkpoint-every=10")), dir,
                Optional.empty(), recorder);
        TrainingOutcome outcome = r.outcome();
        assertThat(outcome.diverged()).isTrue();
        assertThat(outcome.divergence().orElseThrow()).contains("step 25").contains("loss 'mean-energy'").contains("NaN");
        assertThat(outcome.steps()).isEqualTo(24);
        assertThat(recorder.steps).as("no listener after the guard sees the diverged step").endsWith(24L);
        assertThat(r.checkpoints().latest()).hasValueSatisfying(p -> assertThat(p.getFileName().toString()).isEqualTo("step-000000020.ckpt"));
    }

    /** Parameters that become infinite after an update fail the run before any checkpoint holds them. */
    @Test
    void parametersThatStopBeingFiniteFailTheRunBeforeAnyCheckpoint() throws IOException {
        Training.Result r = Training.train(spec("mean-energy", List.of("train.optimizer.learning-rate=1e39",
                "train.checkpoint-every=1")), dir, Optional.empty());
        assertThat(r.outcome().divergence()).hasValueSatisfying(d -> assertThat(d).contains("parameters of group 'model'"));
        for (Path p : r.checkpoints().latest().stream().toList()) {
            assertThat(CheckpointStore.read(p).parameters().get("model").sumNumber().doubleValue()).isFinite();
        }
    }

    /** A loss that moves parameters no one declared fails at once, instead of training them unsaved. */
    @Test
    void aLossMovingUndeclaredParametersFailsAtOnce() throws IOException {
        ExperimentSpec spec = spec("test-undeclared", List.of());
        assertThatThrownBy(() -> Training.train(spec, dir, Optional.empty()))
                .isInstanceOf(EbmException.class).hasMessageContaining("Loss 'mean-energy' moves parameters")
                .hasMessageContaining("parameterGroups()");
    }

    @Test
    void checkpointsAreWrittenWholeOrNotAtAll() throws IOException {
        Training.Result r = Training.train(spec("mean-energy", List.of()), dir, Optional.empty());
        CheckpointStore store = r.checkpoints();
        Files.writeString(store.folder().resolve(".writing-123.tmp"), "half a checkpoint");
        try (Stream<Path> files = Files.list(store.folder())) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".ckpt")).sorted())
                    .containsExactly("step-000000020.ckpt", "step-000000040.ckpt");
        }
        assertThat(store.latest()).hasValueSatisfying(p -> assertThat(p.getFileName().toString()).isEqualTo("step-000000040.ckpt"));
        Checkpoint c = CheckpointStore.read(store.latest().orElseThrow());
        assertThat(c.step()).isEqualTo(40);
        assertThat(c.random()).containsKeys("data", "model", "batches", "objective/step");
        assertThat(c.config()).contains("test-quadratic");
        assertThat(c.provenance()).containsKeys("ebm4j", "spi", "java", "seed");
    }
}
