package org.ebm4j.plugins.cd;

import org.ebm4j.api.random.RandomSource;
import org.ebm4j.api.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Where fresh chains start: a box around the data, or a Gaussian fitted to it (diagonal, so any d works). */
final class InitialDistribution {

    enum Kind { UNIFORM, GAUSSIAN }

    private final Kind kind;
    private final double margin;
    private INDArray low;   // [1, d], uniform
    private INDArray width; // [1, d]
    private INDArray mean;  // [1, d], gaussian
    private INDArray std;   // [1, d]

    InitialDistribution(Kind kind, double margin) {
        this.kind = kind;
        this.margin = margin;
    }

    /** The box is the data's range per coordinate widened by {@code margin}; the Gaussian has the data's moments. */
    void fit(INDArray train) {
        INDArray x = train.castTo(DataType.DOUBLE);
        low = x.min(true, 0).subi(margin);
        width = x.max(true, 0).addi(margin).subi(low);
        mean = x.mean(true, 0);
        std = x.std(true, 0).addi(1e-6);
    }

    Tensor sample(int n, DataType type, RandomSource random) {
        if (low == null) {
            throw new IllegalStateException("the initial distribution is not fitted: prepare() was not called");
        }
        INDArray draws = kind == Kind.UNIFORM
                ? random.uniform(0, 1, DataType.DOUBLE, n, low.columns()).array().mulRowVector(width).addiRowVector(low)
                : random.normal(DataType.DOUBLE, n, mean.columns()).array().mulRowVector(std).addiRowVector(mean);
        return Tensor.adopt(draws.castTo(type));
    }

}
