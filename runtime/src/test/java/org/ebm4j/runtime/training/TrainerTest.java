package org.ebm4j.runtime.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.ebm4j.runtime.config.ExperimentLoader;
import org.ebm4j.runtime.config.ExperimentSpec;
import org.ebm4j.runtime.experiment.Experiment;
import org.ebm4j.runtime.experiment.ExperimentFactory;
import org.ebm4j.runtime.fixtures.Fixtures;
import org.ebm4j.runtime.plugin.ComponentRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

class TrainerTest {

    @TempDir
    Path dir;

    private final ComponentRegistry registry = Fixtures.registry();
    private final ExperimentLoader loader = new ExperimentLoader(registry);

    private Experiment experiment(String objective, List<String> overrides) throws IOException {
        Path f = Files.writeString(dir.resolve("exp.conf"), """
                seed = 7
                data { type = test-gaussian, mean = 1.5 }
                model { type = test-quadratic }
                objective { type = %s }
                train { steps = 40, batch-size = 64, log-every = 10, checkpoint-every = 20,
                        optimizer { type = sgd, learning-rate = 0.1 } }
                """.formatted(objective));
        ExperimentSpec spec = loader.load(f, overrides);
        return new ExperimentFactory(registry, loader).create(spec);
    }

    @Test
    void minimisingTheMeanEnergyOfAQuadraticFindsTheDataMean() throws IOException {
        Experiment e = experiment("mean-energy", List.of("train.steps=300"));
        List<Long> logged = new ArrayList<>();
        TrainingOutcome outcome = new Trainer(e, new CheckpointStore(dir.resolve("ckpt")), dir, List.of(new TrainingListener() {
            @Override
            public void onLog(long step, java.util.Map<String, Double> metrics) {
                logged.add(step);
                assertThat(metrics).containsKeys("loss/mean-energy", "grad-norm/model", "steps-per-s");
            }
        })).run(Optional.empty());
        assertThat(outcome.diverged()).isFalse();
        assertThat(outcome.steps()).isEqualTo(300);
        assertThat(logged).hasSize(30).endsWith(300L);
        // E = ½‖x - m‖²: the minimiser of the mean energy is the data mean; SGD with lr 0.1 on batches of 64
        // fluctuates around it with sd ≈ √(lr/(2-lr)) / √64 ≈ 0.029 per coordinate
        INDArray dataMean = e.data().train().mean(0);
        INDArray centre = e.model().parameters().get("centre").array();
        for (int j = 0; j < 2; j++) {
            assertThat(centre.getDouble(0, j)).isCloseTo(dataMean.getDouble(j), within(0.15));
        }
    }

    /**
     * SGD on the mean energy reaches the data mean within ~100 steps and then only fluctuates, so the validation
     * loss stops improving: the run stops long before its 3000 steps and ends with the best check's parameters.
     */
    @Test
    void earlyStoppingStopsWhenTheValidationLossStallsAndKeepsTheBestParameters() throws IOException {
        Experiment e = experiment("mean-energy", List.of("train.steps=3000", "train.early-stopping.enabled=true",
                "train.early-stopping.every=20", "train.early-stopping.patience=3"));
        List<Double> checks = new ArrayList<>();
        TrainingOutcome outcome = new Trainer(e, new CheckpointStore(dir.resolve("es")), dir, List.of(new TrainingListener() {
            @Override
            public void onEvaluation(long step, org.ebm4j.api.eval.Evaluation evaluation) {
                checks.add(evaluation.metrics().get("validation-loss"));
            }
        })).run(Optional.empty());
        assertThat(outcome.diverged()).isFalse();
        assertThat(outcome.steps()).isLessThan(3000);
        assertThat(outcome.earlyStopping()).hasValueSatisfying(m -> assertThat(m).startsWith("Stopped early at step " + outcome.steps())
                .contains("restored the parameters of step"));
        double best = checks.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        assertThat(checks).hasSize((int) (outcome.steps() / 20));
        // the last three checks did not beat the best one, and the model now holds the best check's parameters
        assertThat(checks.subList(checks.size() - 3, checks.size())).allMatch(v -> v >= best);
        INDArray centre = e.model().parameters().get("centre").array();
        INDArray validationMean = ValidationMonitor.split(e.data().train(), 0.1, 7)[1].mean(0);
        assertThat(centre.getDouble(0, 0)).isCloseTo(validationMean.getDouble(0), within(0.15));
        assertThat(e.spec().train().earlyStopping().validationFraction()).isEqualTo(0.1);
    }

    /** An objective's own state (a replay buffer) is checkpointed: resuming ends exactly where the full run does. */
    @Test
    void resumingRestoresTheObjectivesState() throws IOException {
        Experiment full = experiment("replay", List.of());
        new Trainer(full, new CheckpointStore(dir.resolve("full")), dir, List.of()).run(Optional.empty());
        INDArray expected = full.model().parameters().snapshot();
        Path midway = dir.resolve("full").resolve("step-000000020.ckpt");
        assertThat(CheckpointStore.read(midway).objectiveState()).containsKey("buffer");

        Experiment resumed = experiment("replay", List.of());
        new Trainer(resumed, new CheckpointStore(dir.resolve("resumed")), dir, List.of()).run(Optional.of(CheckpointStore.read(midway)));
        assertThat(resumed.model().parameters().snapshot()).isEqualTo(expected);
        assertThat(resumed.trainable().state().get("buffer")).isEqualTo(full.trainable().state().get("buffer"));
    }

    @Test
    void resumingFromACheckpointEndsWithTheSameParametersAsAnUninterruptedRun() throws IOException {
        Experiment full = experiment("mean-energy", List.of());
        new Trainer(full, new CheckpointStore(dir.resolve("full")), dir, List.of()).run(Optional.empty());
        INDArray expected = full.model().parameters().snapshot();
        Path midway = dir.resolve("full").resolve("step-000000020.ckpt");
        assertThat(midway).exists();

        Experiment resumed = experiment("mean-energy", List.of());
        TrainingOutcome outcome = new Trainer(resumed, new CheckpointStore(dir.resolve("resumed")), dir, List.of())
                .run(Optional.of(CheckpointStore.read(midway)));
        assertThat(outcome.steps()).isEqualTo(40);
        assertThat(resumed.model().parameters().snapshot()).isEqualTo(expected);
    }

    @Test
    void aDivergingRunStopsNamingStepAndLossAndKeepsTheLastGoodCheckpoint() throws IOException {
        Experiment e = experiment("nan-at", List.of("objective.step=25", "train.checkpoint-every=10"));
        CheckpointStore store = new CheckpointStore(dir.resolve("ckpt"));
        TrainingOutcome outcome = new Trainer(e, store, dir, List.of()).run(Optional.empty());
        assertThat(outcome.diverged()).isTrue();
        assertThat(outcome.divergence().orElseThrow()).contains("step 25").contains("loss 'mean-energy'").contains("NaN");
        assertThat(outcome.steps()).isEqualTo(24);
        assertThat(store.latest()).hasValueSatisfying(p -> assertThat(p.getFileName().toString()).isEqualTo("step-000000020.ckpt"));
    }

    @Test
    void checkpointsAreWrittenWholeOrNotAtAll() throws IOException {
        Experiment e = experiment("mean-energy", List.of());
        CheckpointStore store = new CheckpointStore(dir.resolve("ckpt"));
        new Trainer(e, store, dir, List.of()).run(Optional.empty());
        Files.writeString(dir.resolve("ckpt").resolve(".writing-123.tmp"), "half a checkpoint");
        try (Stream<Path> files = Files.list(dir.resolve("ckpt"))) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".ckpt")).sorted())
                    .containsExactly("step-000000020.ckpt", "step-000000040.ckpt");
        }
        assertThat(store.latest()).hasValueSatisfying(p -> assertThat(p.getFileName().toString()).isEqualTo("step-000000040.ckpt"));
        Checkpoint c = CheckpointStore.read(store.latest().orElseThrow());
        assertThat(c.step()).isEqualTo(40);
        assertThat(c.random()).containsKeys("data", "model", "objective", "batches");
        assertThat(c.config()).contains("test-quadratic");
    }
}
