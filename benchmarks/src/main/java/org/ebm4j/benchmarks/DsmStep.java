package org.ebm4j.benchmarks;

import java.util.List;
import org.ebm4j.api.optim.Optimizer;
import org.ebm4j.api.optim.OptimizerSpec;
import org.ebm4j.api.random.RandomSource;
import org.ebm4j.api.tensor.Autograd;
import org.ebm4j.api.tensor.Tensor;
import org.ebm4j.api.tensor.TensorScope;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One denoising-score-matching training step, as the PyTorch reference does it: forward, score with the graph
 * kept, σ-weighted loss, parameter gradients through the score, Adam.
 */
final class DsmStep {

    private final Mlp model;
    private final Optimizer adam;
    private final RandomSource noise;
    private final INDArray data;
    private final double sigma;

    DsmStep(int batch, long seed) {
        RandomSource root = RandomSource.seeded(seed);
        model = new Mlp(2, 128, DataType.FLOAT, root.split("init"));
        adam = new Optimizer(OptimizerSpec.adam(1e-3), List.of(model.params));
        noise = root.split("noise");
        data = root.split("data").normal(DataType.FLOAT, batch, 2).array().dup();
        sigma = 0.1;
    }

    /** Runs one step and returns the loss. */
    double step() {
        try (TensorScope ignored = TensorScope.open()) {
            Tensor x = Tensor.constant(data);
            Tensor eps = noise.normal(DataType.FLOAT, x.shape());
            Tensor noisy = x.add(eps.mul(sigma)).requireGrad();
            Tensor dEdx = Autograd.grad(model.energy(noisy).sum(), noisy, true);
            Tensor loss = eps.sub(dEdx.mul(sigma)).square().sum(1).mean().mul(0.5);
            adam.step(Autograd.grad(loss, adam.tensors(), false));
            return loss.item();
        }
    }
}
