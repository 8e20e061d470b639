package org.ebm4j.plugins.nll2d;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.ebm4j.api.data.Dataset;
import org.ebm4j.api.eval.Evaluation;
import org.ebm4j.api.eval.EvaluationContext;
import org.ebm4j.api.eval.Evaluator;
import org.ebm4j.api.model.EnergyModel;
import org.ebm4j.api.param.Parameters;
import org.ebm4j.api.random.RandomSource;
import org.ebm4j.api.sampler.SampleResult;
import org.ebm4j.api.sampler.Sampler;
import org.ebm4j.api.tensor.GradMode;
import org.ebm4j.api.tensor.Tensor;
import org.ebm4j.testkit.ContractSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The exact NLL of a standard Gaussian energy is its known value, and the evaluator judges samples with the same grid
 * comparison {@code ebm sample} reports (one home for 2-D pictures and measures): exact draws score like exact draws,
 * draws from a shifted Gaussian do not.
 */
class ExactNll2dTest {

    @TempDir
    Path dir;

    /** E(x) = ½‖x‖²: log Z = log 2π. */
    private static final EnergyModel STANDARD = new EnergyModel() {
        @Override
        public Tensor energy(Tensor x) {
            return x.square().sum(1).mul(0.5);
        }

        @Override
        public int dimension() {
            return 2;
        }

        @Override
        public Parameters parameters() {
            return Parameters.empty();
        }
    };

    /** A "sampler" that ignores the chains' start and returns draws of N(shift, I). */
    private static Sampler gaussianDraws(double shift) {
        return (model, init, context) -> new SampleResult(context.random().normal(DataType.FLOAT, init.rows(), 2).add(shift), Map.of());
    }

    private Evaluation evaluate(Sampler sampler, String name) throws java.io.IOException {
        Evaluator e = ContractSupport.build(new ExactNll2dProvider(), "evaluator", "resolution = 256, samples = 4000", 2, 1);
        Dataset data;
        try (RandomSource random = RandomSource.seeded(2)) {
            data = new Dataset("standard", random.normal(DataType.FLOAT, 4000, 2).array(), random.normal(DataType.FLOAT, 2000, 2).array());
        }
        Path out = Files.createDirectories(dir.resolve(name));
        try (GradMode.Scope off = GradMode.off(); RandomSource random = RandomSource.seeded(3)) {
            return e.evaluate(new EvaluationContext(STANDARD, data, 100, true, out, Optional.of(sampler), random));
        }
    }

    @Test
    void exactNllAndSamplePicturesUseTheSharedGrid() throws Exception {
        Evaluation exact = evaluate(gaussianDraws(0), "exact");
        assertThat(exact.metrics().get("log-z")).isCloseTo(Math.log(2 * Math.PI), within(1e-3));
        // test NLL = mean ½‖x‖² + log 2π ≈ 1 + 1.8379 for 2000 standard normal rows (sd of the mean ≈ 0.022)
        assertThat(exact.metrics().get("test-nll")).isCloseTo(1 + Math.log(2 * Math.PI), within(0.1));
        // ½‖x‖² is ½χ²₂, variance 1: the standard error of the mean of 2000 rows is 1/√2000
        assertThat(exact.metrics().get("test-nll-se")).isCloseTo(1 / Math.sqrt(2000), within(0.002));
        double noise = exact.metrics().get("samples/grid-tv-of-exact-draws");
        assertThat(exact.metrics().get("samples/grid-tv")).isCloseTo(noise, within(0.03));
        assertThat(exact.files()).extracting(p -> p.getFileName().toString()).containsExactly("density.png", "samples.png");
        assertThat(dir.resolve("exact").resolve("samples.png")).isNotEmptyFile();

        Evaluation shifted = evaluate(gaussianDraws(1.5), "shifted");
        assertThat(shifted.metrics().get("samples/grid-tv")).isGreaterThan(noise + 0.3);
    }

    /** E = ½‖x‖² inside the disc of radius 3, falling linearly beyond it: its mass leaks out of any box. */
    private static final EnergyModel LEAKY = new EnergyModel() {
        @Override
        public Tensor energy(Tensor x) {
            Tensor r = x.square().sum(1).sqrt();
            Tensor inside = r.lt(3.0);
            Tensor bowl = r.square().mul(0.5);
            Tensor falling = r.sub(3.0).mul(-1).add(4.5);
            return Tensor.where(inside, bowl, falling);
        }

        @Override
        public int dimension() {
            return 2;
        }

        @Override
        public Parameters parameters() {
            return Parameters.empty();
        }
    };

    @Test
    void aModelWhoseMassLeaksOutOfTheBoxIsFlaggedUnreliable() throws Exception {
        Evaluator e = ContractSupport.build(new ExactNll2dProvider(), "evaluator", "resolution = 128, plots = false", 2, 1);
        Dataset data;
        try (RandomSource random = RandomSource.seeded(2)) {
            data = new Dataset("standard", random.normal(DataType.FLOAT, 1000, 2).array(), random.normal(DataType.FLOAT, 500, 2).array());
        }
        Evaluation leaky;
        Evaluation bowl;
        try (GradMode.Scope off = GradMode.off(); RandomSource random = RandomSource.seeded(3)) {
            leaky = e.evaluate(new EvaluationContext(LEAKY, data, 1, true, dir, Optional.empty(), random));
            bowl = e.evaluate(new EvaluationContext(STANDARD, data, 1, true, dir, Optional.empty(), random));
        }
        assertThat(leaky.metrics().get("reliable")).isZero();
        assertThat(leaky.metrics().get("test-nll/wide-box")).isGreaterThan(leaky.metrics().get("test-nll") + 0.5);
        assertThat(leaky.metrics().get("mass-outside-box")).isGreaterThan(0.3);
        assertThat(leaky.warnings()).singleElement().satisfies(w -> assertThat(w).contains("not normalisable within the box")
                .contains("unreliable"));
        assertThat(bowl.metrics().get("reliable")).isEqualTo(1.0);
        assertThat(bowl.metrics().get("mass-outside-box")).isLessThan(1e-4);
        assertThat(bowl.warnings()).isEmpty();
    }
}
