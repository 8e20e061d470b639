package org.ebm4j.plugins.mlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
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
}
