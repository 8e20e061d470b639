package org.ebm4j.api.param;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.ebm4j.api.random.RandomSource;
import org.ebm4j.api.tensor.Autograd;
import org.ebm4j.api.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ParametersTest {

    private static Parameters mlp(long seed) {
        return Parameters.builder(DataType.FLOAT)
                .add("w1", Init.XAVIER, 2, 8)
                .add("b1", Init.ZEROS, 1, 8)
                .add("w2", Init.UNIFORM_FAN_IN, 8, 1)
                .add("c", 0.5, 1)
                .build(RandomSource.seeded(seed));
    }

    @Test
    void parametersAreViewsOfOneFlatRow() {
        Parameters p = mlp(1);
        assertThat(p.names()).containsExactly("w1", "b1", "w2", "c");
        assertThat(p.size()).isEqualTo(16 + 8 + 8 + 1);
        assertThat(p.flat().shape()).containsExactly(1, 33);
        assertThat(p.get("c").item()).isEqualTo(0.5);
        p.flat().putScalar(0, 32, 7.0);
        assertThat(p.get("c").item()).isEqualTo(7.0);
        p.get("w1").array().putScalar(0, 1, -3.0);
        assertThat(p.flat().getDouble(0, 1)).isEqualTo(-3.0);
        assertThat(p.tensors()).allSatisfy(t -> assertThat(t.requiresGrad()).isTrue());
    }

    @Test
    void snapshotAndAssignRoundTrip() {
        Parameters p = mlp(1);
        INDArray saved = p.snapshot();
        p.flat().addi(1.0);
        assertThat(p.flat()).isNotEqualTo(saved);
        p.assign(saved);
        assertThat(p.flat()).isEqualTo(saved);
        assertThatThrownBy(() -> p.assign(Nd4j.zeros(DataType.FLOAT, 1, 5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("33");
    }

    @Test
    void initialisationIsSeededByTheRunNotTheThread() {
        INDArray a = mlp(5).snapshot();
        Nd4j.getRandom().setSeed(123); // the thread's generator must not matter
        Nd4j.getRandom().nextGaussian();
        assertThat(mlp(5).snapshot()).isEqualTo(a);
        assertThat(mlp(6).snapshot()).isNotEqualTo(a);
    }

    @Test
    void xavierHasItsVariance() {
        Parameters p = Parameters.builder(DataType.DOUBLE).add("w", Init.XAVIER, 300, 200).build(RandomSource.seeded(3));
        double var = p.get("w").square().mean().item();
        double expected = 2.0 / (300 + 200);
        // variance of a sample variance of 60,000 normals: 2σ⁴/n; 5 standard errors
        assertThat(var).isCloseTo(expected, within(5 * expected * Math.sqrt(2.0 / 60_000)));
        Parameters u = Parameters.builder(DataType.DOUBLE).add("w", Init.UNIFORM_FAN_IN, 100, 50).build(RandomSource.seeded(3));
        assertThat(u.get("w").abs().array().maxNumber().doubleValue()).isLessThanOrEqualTo(0.1);
    }

    @Test
    void gradientsFlattenInParameterOrder() {
        Parameters p = mlp(2);
        Tensor x = Tensor.of(DataType.FLOAT, new double[][] {{0.5, -1}, {2, 0.25}});
        Tensor e = x.matmul(p.get("w1")).add(p.get("b1")).tanh().matmul(p.get("w2")).add(p.get("c")).sum();
        List<Tensor> g = Autograd.grad(e, p.tensors(), false);
        INDArray flat = Nd4j.zeros(DataType.FLOAT, 1, p.size());
        p.flattenInto(g, flat);
        assertThat(flat.getDouble(0, 32)).isEqualTo(2.0); // dE/dc: one per row
        assertThat(flat.getDouble(0, 16)).isEqualTo(g.get(1).array().getDouble(0, 0));
    }

    @Test
    void errorsNameWhatExists() {
        assertThatThrownBy(() -> mlp(1).get("w3")).hasMessageContaining("w3").hasMessageContaining("[w1, b1, w2, c]");
        assertThatThrownBy(() -> Parameters.builder(DataType.FLOAT).add("a", 0, 1).add("a", 0, 1))
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> Init.byName("glorot")).hasMessageContaining("xavier-uniform");
        assertThat(Init.byName("he-uniform")).isEqualTo(Init.HE_UNIFORM);
    }
}
