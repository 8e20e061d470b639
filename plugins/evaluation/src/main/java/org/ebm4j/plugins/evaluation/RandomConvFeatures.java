package org.ebm4j.plugins.evaluation;

import org.ebm4j.api.random.RandomSource;
import org.ebm4j.api.tensor.Convolution;
import org.ebm4j.api.tensor.GradMode;
import org.ebm4j.api.tensor.Tensor;
import org.ebm4j.api.tensor.TensorScope;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A fixed random convolutional feature map of images, {@code φ(x) = tanh(W₂ ∗ tanh(W₁ ∗ x))} flattened (3×3 kernels,
 * stride 2, 32 then 64 channels, weights N(0, 1/fan-in) from a seed of its own): a kernel on φ compares local edges
 * and strokes at their positions rather than single pixels, which is closer to what a person sees in samples
 * (Rahimi & Recht 2007; random features as an MMD kernel, e.g. Binkowski et al. 2018 use a trained network instead).
 * The same seed every run, so numbers of different runs use the same map.
 */
final class RandomConvFeatures {

    /** One seed for every run: the map is part of the metric's definition. */
    static final long SEED = 20_190_405L;

    private final int channels;
    private final int height;
    private final int width;
    private final Tensor w1;
    private final Tensor w2;

    RandomConvFeatures(int channels, int height, int width) {
        this.channels = channels;
        this.height = height;
        this.width = width;
        try (RandomSource random = RandomSource.seeded(SEED)) {
            this.w1 = Tensor.constant(random.normal(DataType.DOUBLE, 32, channels, 3, 3).array().muli(1 / Math.sqrt(9.0 * channels)));
            this.w2 = Tensor.constant(random.normal(DataType.DOUBLE, 64, 32, 3, 3).array().muli(1 / Math.sqrt(9.0 * 32)));
        }
    }

    /** The features of rows of {@code channels · height · width} pixels, {@code [n, 64 · ⌈h/4⌉ · ⌈w/4⌉]}, in double. */
    INDArray apply(INDArray rows) {
        if (rows.columns() != (long) channels * height * width) {
            throw new IllegalArgumentException("random-conv features of " + channels + "×" + height + "×" + width
                    + " images need rows of " + channels * height * width + " values, got " + rows.columns());
        }
        try (GradMode.Scope off = GradMode.off(); TensorScope scope = TensorScope.open()) {
            Tensor x = Tensor.constant(rows.castTo(DataType.DOUBLE)).reshape(rows.rows(), channels, height, width);
            Tensor h = Convolution.conv2d(Convolution.conv2d(x, w1, 2, 1).tanh(), w2, 2, 1).tanh();
            return h.reshape(rows.rows(), h.shape()[1] * h.shape()[2] * h.shape()[3]).array().dup();
        }
    }
}
