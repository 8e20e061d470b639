package org.ebm4j.api.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.ebm4j.api.param.Parameters;
import org.ebm4j.api.random.RandomSource;
import org.ebm4j.api.tensor.Autograd;
import org.ebm4j.api.tensor.Tensor;
import org.ebm4j.api.tensor.TensorScope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class OptimizerTest {

    private static final double[] TARGET = {1.5, -2.0, 0.25, 3.0};

    private static Parameters params() {
        return Parameters.builder(DataType.DOUBLE)
                .add("a", Nd4j.createFromArray(new double[][] {{0, 0}}))
                .add("b", Nd4j.createFromArray(new double[] {0, 0}))
                .build(RandomSource.seeded(0));
    }

    /** f(θ) = ½ Σ s_i (θ_i - t_i)² with unequal curvatures s = (1, 4, 0.5, 2): minimum at t. */
    private static Tensor quadratic(Parameters p) {
        Tensor theta = Tensor.concat(0, p.get("a").reshape(2), p.get("b"));
        Tensor scale = Tensor.of(DataType.DOUBLE, 1, 4, 0.5, 2);
        return theta.sub(Tensor.of(DataType.DOUBLE, TARGET)).square().mul(scale).sum().mul(0.5);
    }

    private static void train(Optimizer opt, Parameters p, int steps) {
        for (int i = 0; i < steps; i++) {
            try (TensorScope ignored = TensorScope.open()) {
                opt.step(Autograd.grad(quadratic(p), opt.tensors(), false));
            }
        }
    }

    @Test
    void adamMinimisesAQuadraticToItsKnownMinimum() {
        Parameters p = params();
        Optimizer adam = new Optimizer(OptimizerSpec.adam(0.05)
                .withSchedule(new ScheduleSpec("exponential", Map.of("gamma", 0.998))), List.of(p));
        train(adam, p, 3000);
        assertThat(p.flat().toDoubleVector()).containsExactly(TARGET, within(1e-6));
        assertThat(adam.iteration()).isEqualTo(3000);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"sgd, 0.1", "nesterovs, 0.05", "rmsprop, 0.01", "adamax, 0.05", "amsgrad, 0.05", "nadam, 0.05",
            "adagrad, 0.5"})
    void everyOptimiserConverges(String name, double rate) {
        Parameters p = params();
        Optimizer opt = new Optimizer(new OptimizerSpec(name, rate, Map.of(),
                new ScheduleSpec("step", Map.of("decay", 0.5, "every", 500.0)), 0, 0), List.of(p));
        double start = quadratic(p).item();
        train(opt, p, 2500);
        assertThat(quadratic(p).item()).as(name).isLessThan(1e-4 * start);
    }

    @Test
    void stateRoundTripsExactly() {
        Parameters p = params();
        Optimizer opt = new Optimizer(OptimizerSpec.adam(0.01), List.of(p));
        train(opt, p, 50);
        OptimizerState state = opt.state();
        INDArray values = p.snapshot();
        train(opt, p, 50);
        INDArray uninterrupted = p.snapshot();

        Parameters q = params();
        q.assign(values);
        Optimizer resumed = new Optimizer(OptimizerSpec.adam(0.01), List.of(q));
        resumed.restore(state);
        train(resumed, q, 50);
        assertThat(q.flat()).isEqualTo(uninterrupted);
        assertThat(state.updaterState().length()).isEqualTo(2 * p.size()); // Adam's two moments
        assertThatThrownBy(() -> new Optimizer(OptimizerSpec.sgd(0.1), List.of(params())).restore(state))
                .hasMessageContaining("adam");
    }

    @Test
    void clippingBoundsTheGlobalNormAndReportsItBeforeClipping() {
        Parameters p = params();
        Optimizer sgd = new Optimizer(OptimizerSpec.sgd(1.0).withClipNorm(1.0), List.of(p));
        Tensor g1 = Tensor.of(DataType.DOUBLE, new double[][] {{3, 0}});
        Tensor g2 = Tensor.of(DataType.DOUBLE, 0, 4);
        StepStats stats = sgd.step(List.of(g1, g2));
        assertThat(stats.gradientNorm()).isCloseTo(5.0, within(1e-12));
        assertThat(stats.clipped()).isTrue();
        assertThat(p.flat().toDoubleVector()).containsExactly(new double[] {-0.6, 0, 0, -0.8}, within(1e-12));
        assertThat(g1.toDoubleArray()).containsExactly(3.0, 0.0); // the caller's gradients are untouched
    }

    @Test
    void weightDecayShrinksParametersByRateTimesDecay() {
        Parameters p = Parameters.builder(DataType.DOUBLE).add("w", 2.0, 3).build(RandomSource.seeded(0));
        Optimizer sgd = new Optimizer(OptimizerSpec.sgd(0.1).withWeightDecay(0.5), List.of(p));
        sgd.step(List.of(Tensor.zeros(DataType.DOUBLE, 3)));
        assertThat(p.flat().toDoubleVector()).containsExactly(new double[] {1.9, 1.9, 1.9}, within(1e-12));
    }

    @Test
    void schedulesChangeTheRateAndWarmUpRamps() {
        Parameters p = params();
        Optimizer opt = new Optimizer(OptimizerSpec.sgd(0.1)
                .withSchedule(new ScheduleSpec("exponential", Map.of("gamma", 0.5, "warmup", 4.0))), List.of(p));
        assertThat(opt.learningRate()).isLessThan(0.1);
        train(opt, p, 10);
        assertThat(opt.learningRate()).isCloseTo(0.1 * Math.pow(0.5, 10), within(1e-12));
    }

    @Test
    void groupsOfSeveralParameterSetsMoveTogether() {
        Parameters p = params();
        Parameters c = Parameters.builder(DataType.DOUBLE).add("c", 0.0, 1).build(RandomSource.seeded(0));
        Optimizer opt = new Optimizer(OptimizerSpec.sgd(0.5), List.of(p, c));
        assertThat(opt.tensors()).hasSize(3);
        opt.step(List.of(Tensor.of(DataType.DOUBLE, new double[][] {{1, 1}}), Tensor.of(DataType.DOUBLE, 1, 1),
                Tensor.of(DataType.DOUBLE, 2)));
        assertThat(c.flat().getDouble(0)).isEqualTo(-1.0);
        assertThat(p.flat().getDouble(3)).isEqualTo(-0.5);
    }

    @Test
    void unknownNamesAndOptionsListWhatExists() {
        assertThatThrownBy(() -> Optimizers.updater(OptimizerSpec.adam(1).withOptions(Map.of("beta3", 0.1))))
                .hasMessageContaining("beta3").hasMessageContaining("beta1").hasMessageContaining("epsilon");
        assertThatThrownBy(() -> Optimizers.updater(new OptimizerSpec("adamw", 1, Map.of(), ScheduleSpec.fixed(), 0, 0)))
                .hasMessageContaining("adamw").hasMessageContaining("nesterovs");
        assertThatThrownBy(() -> Optimizers.schedule(new ScheduleSpec("cosine", Map.of()), 1))
                .hasMessageContaining("cosine").hasMessageContaining("exponential");
        assertThatThrownBy(() -> Optimizers.schedule(new ScheduleSpec("step", Map.of("decay", 0.5)), 1))
                .hasMessageContaining("every");
    }
}
