package org.ebm4j.plugins.mlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.ebm4j.api.model.NoiseConditionalEnergy;
import org.ebm4j.api.param.Init;
import org.ebm4j.api.random.RandomSource;
import org.ebm4j.api.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

class MlpEnergyTest {

    @Test
    void energyIsTheHandComputedNetwork() {
        MlpEnergy mlp = new MlpEnergy(2, List.of(3), Tensor::tanh, Init.XAVIER, RandomSource.seeded(1));
        var p = mlp.parameters();
        assertThat(p.names()).containsExactly("w0", "b0", "w1", "b1");
        assertThat(p.size()).isEqualTo(2 * 3 + 3 + 3 + 1);
        double[] w0 = p.get("w0").toDoubleArray();
        double[] w1 = p.get("w1").toDoubleArray();
        double x0 = 0.5;
        double x1 = -1.5;
        double e = 0;
        for (int j = 0; j < 3; j++) {
            e += Math.tanh(x0 * w0[j] + x1 * w0[3 + j]) * w1[j];
        }
        Tensor energy = mlp.energy(Tensor.of(DataType.FLOAT, new double[][] {{x0, x1}}));
        assertThat(energy.shape()).containsExactly(1);
        assertThat(energy.item()).isCloseTo(e, within(1e-5));
    }

    @Test
    void theSameSeedGivesTheSameNetwork() {
        var a = new MlpEnergy(2, List.of(8, 8), Tensor::silu, Init.UNIFORM_FAN_IN, RandomSource.seeded(4)).parameters().snapshot();
        var b = new MlpEnergy(2, List.of(8, 8), Tensor::silu, Init.UNIFORM_FAN_IN, RandomSource.seeded(4)).parameters().snapshot();
        assertThat(a).isEqualTo(b);
    }

    /** With σ as an input, the network sees [x, log σ]; the plain energy is taken at the evaluation σ. */
    @Test
    void sigmaInputConditioningFeedsLogSigma() {
        MlpEnergy network = new MlpEnergy(3, List.of(5), Tensor::silu, Init.XAVIER, RandomSource.seeded(2));
        SigmaInputMlpEnergy model = new SigmaInputMlpEnergy(network, 0.05);
        assertThat(model.dimension()).isEqualTo(2);
        Tensor x = Tensor.of(DataType.FLOAT, new double[][] {{0.5, -1.0}, {2.0, 0.25}});
        Tensor sigma = Tensor.of(DataType.FLOAT, new double[][] {{0.05}, {0.8}});
        double[] expected = network.energy(Tensor.of(DataType.FLOAT, new double[][] {
                {0.5, -1.0, Math.log(0.05)}, {2.0, 0.25, Math.log(0.8)}})).toDoubleArray();
        assertThat(model.energy(x, sigma).toDoubleArray()).containsExactly(expected, within(1e-6));
        assertThat(model.energy(x).toDoubleArray()[0]).isCloseTo(expected[0], within(1e-6));
    }

    /** The s/σ rule: E(x, σ) = E(x)/σ, so the score at level σ is the plain score divided by σ. */
    @Test
    void scaleConditioningDividesTheScoreBySigma() {
        MlpEnergy base = new MlpEnergy(2, List.of(6), Tensor::tanh, Init.XAVIER, RandomSource.seeded(3));
        NoiseConditionalEnergy model = NoiseConditionalEnergy.scaled(base, 0.1);
        Tensor x = Tensor.of(DataType.FLOAT, new double[][] {{0.5, -1.0}, {2.0, 0.25}});
        Tensor sigma = Tensor.of(DataType.FLOAT, new double[][] {{0.5}, {2.0}});
        double[] plain = base.score(x, false).toDoubleArray();
        double[] scaled = model.score(x, sigma, false).toDoubleArray();
        assertThat(scaled).containsExactly(new double[] {plain[0] / 0.5, plain[1] / 0.5, plain[2] / 2.0, plain[3] / 2.0}, within(1e-5));
        assertThat(model.energy(x).toDoubleArray()[1]).isCloseTo(base.energy(x).toDoubleArray()[1] / 0.1, within(1e-4));
        assertThat(model.parameters()).isSameAs(base.parameters());
    }

    @Test
    void pytorchBiasInitDrawsEachLayersBiasFromItsOwnFanIn() {
        MlpEnergy mlp = new MlpEnergy(2, List.of(4000, 50), Tensor::silu, Init.UNIFORM_FAN_IN, Init.UNIFORM_FAN_IN, RandomSource.seeded(5));
        // b0 has fan-in 2: U(±1/√2), so its extremes approach 0.707; b1 has fan-in 4000: U(±1/√4000) = U(±0.0158)
        double[] b0 = mlp.parameters().get("b0").toDoubleArray();
        double[] b1 = mlp.parameters().get("b1").toDoubleArray();
        assertThat(java.util.Arrays.stream(b0).map(Math::abs).max().orElseThrow()).isBetween(0.69, 1 / Math.sqrt(2));
        assertThat(java.util.Arrays.stream(b1).map(Math::abs).max().orElseThrow()).isBetween(0.005, 1 / Math.sqrt(4000));
        assertThat(new MlpEnergy(2, List.of(8), Tensor::silu, Init.UNIFORM_FAN_IN, RandomSource.seeded(5)).parameters().get("b0").toDoubleArray())
                .containsOnly(0.0);
    }
}
