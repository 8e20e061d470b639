package org.ebm4j.benchmarks;

import org.ebm4j.api.param.Init;
import org.ebm4j.api.param.Parameters;
import org.ebm4j.api.random.RandomSource;
import org.ebm4j.api.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;

/** The benchmark's energy: an MLP d → h → h → 1 with SiLU, as in the PyTorch reference. */
final class Mlp {

    final Parameters params;

    Mlp(int d, int h, DataType type, RandomSource rng) {
        params = Parameters.builder(type)
                .add("w1", Init.UNIFORM_FAN_IN, d, h).add("b1", Init.ZEROS, 1, h)
                .add("w2", Init.UNIFORM_FAN_IN, h, h).add("b2", Init.ZEROS, 1, h)
                .add("w3", Init.UNIFORM_FAN_IN, h, 1).add("b3", Init.ZEROS, 1, 1)
                .build(rng);
    }

    /** E(x): {@code [n]}. */
    Tensor energy(Tensor x) {
        Tensor h1 = x.matmul(params.get("w1")).add(params.get("b1")).silu();
        Tensor h2 = h1.matmul(params.get("w2")).add(params.get("b2")).silu();
        return h2.matmul(params.get("w3")).add(params.get("b3")).reshape(x.rows());
    }
}
