package org.ebm4j.plugins.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ebm4j.api.ConfigException;
import org.ebm4j.api.data.Dataset;
import org.ebm4j.api.eval.Evaluation;
import org.ebm4j.api.eval.EvaluationContext;
import org.ebm4j.api.noise.NoiseDistribution;
import org.ebm4j.api.random.RandomSource;
import org.ebm4j.api.sampler.SampleResult;
import org.ebm4j.api.sampler.Sampler;
import org.ebm4j.api.tensor.GradMode;
import org.ebm4j.plugins.analytic.GaussianEnergy;
import org.ebm4j.plugins.noise.GaussianNoiseProvider;
import org.ebm4j.testkit.ContractSupport;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The random convolutional feature map and MMD on it: fixed, of the documented shape, zero for exact draws, sees a shift. */
class RandomConvFeaturesTest {

    private static final int SIDE = 8;
    private static final int D = SIDE * SIDE;

    @Test
    void theMapIsTheSameInEveryRunAndHas64ChannelsAtAQuarterOfTheSide() {
        INDArray x;
        try (RandomSource random = RandomSource.seeded(1)) {
            x = random.normal(DataType.DOUBLE, 5, D).array().dup();
        }
        INDArray a = new RandomConvFeatures(1, SIDE, SIDE).apply(x);
        INDArray b = new RandomConvFeatures(1, SIDE, SIDE).apply(x.castTo(DataType.FLOAT));
        assertThat(a.shape()).containsExactly(5, 64 * 2 * 2);
        assertThat(a.sub(b).amaxNumber().doubleValue()).isLessThan(1e-5);
        assertThat(a.amaxNumber().doubleValue()).isGreaterThan(0.1).isLessThan(1.0); // tanh features, not saturated or zero
        assertThatThrownBy(() -> new RandomConvFeatures(1, SIDE, SIDE).apply(Nd4j.zeros(DataType.DOUBLE, 2, D + 1)))
                .hasMessageContaining("rows of 64 values");
    }

    @Test
    void featureMmdOfExactDrawsIsZeroWithinItsErrorAndAShiftIsDetected() {
        Evaluation same = evaluate(0.0, 1);
        assertThat(same.metrics().get("random-conv/mmd2/h=median"))
                .isCloseTo(0, within(4 * same.metrics().get("random-conv/mmd2-floor-se/h=median") + 1e-4));
        assertThat(same.metrics().get("random-conv/p-value/h=median")).isGreaterThan(0.01);
        assertThat(same.metrics()).containsKey("mmd2/h=median"); // pixels too, under the old names
        Evaluation shifted = evaluate(0.3, 2);
        assertThat(shifted.metrics().get("random-conv/mmd2/h=median")).isGreaterThan(shifted.metrics().get("random-conv/mmd2-floor/h=median")
                + 3 * shifted.metrics().get("random-conv/mmd2-se/h=median"));
        assertThat(shifted.metrics().get("random-conv/p-value/h=median")).isLessThan(0.02);
    }

    @Test
    void theProviderRefusesFeaturesItDoesNotKnowAndRowsThatAreNotImages() {
        assertThatThrownBy(() -> mmdProvided("features = [pixels, inception]", D))
                .isInstanceOf(ConfigException.class).hasMessageContaining("pixels, random-conv");
        assertThatThrownBy(() -> mmdProvided("features = [random-conv]", 10))
                .isInstanceOf(ConfigException.class).hasMessageContaining("not a square");
        assertThatThrownBy(() -> mmdProvided("features = [random-conv], image = [3, 4, 4]", D))
                .isInstanceOf(ConfigException.class).hasMessageContaining("image");
    }

    private static Object mmdProvided(String settings, int d) {
        return ContractSupport.build(new MmdProvider(), "evaluator", com.typesafe.config.ConfigFactory.parseString(settings),
                Map.of(new org.ebm4j.plugins.mcmc.MalaProvider(), "sampler", new GaussianNoiseProvider(), "noise"), d, 1);
    }

    /** MMD of exact N(shift, I) draws against N(0, I) test rows, read as 8×8 images. */
    private static Evaluation evaluate(double shift, long seed) {
        Sampler exact = (model, init, context) -> new SampleResult(context.random().normal(DataType.DOUBLE, init.rows(), D).add(shift), Map.of());
        NoiseDistribution init = ContractSupport.build(new GaussianNoiseProvider(), "noise", "", D, 1);
        Mmd mmd = new Mmd(new Mmd.Settings(600, List.of("median"), 100, List.of("pixels", "random-conv"), List.of()), exact, init);
        GaussianEnergy model = new GaussianEnergy(Nd4j.zeros(DataType.DOUBLE, 1, D), Nd4j.eye(D).castTo(DataType.DOUBLE), false, false,
                DataType.DOUBLE);
        try (GradMode.Scope off = GradMode.off(); RandomSource random = RandomSource.seeded(seed)) {
            Dataset data = new Dataset("images", random.normal(DataType.DOUBLE, 600, D).array().dup(),
                    random.normal(DataType.DOUBLE, 600, D).array().dup(), Optional.empty());
            return mmd.evaluate(new EvaluationContext(model, data, 0, true, java.nio.file.Path.of("."), Optional.empty(), random));
        }
    }
}
