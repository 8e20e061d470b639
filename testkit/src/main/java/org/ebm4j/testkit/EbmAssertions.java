package org.ebm4j.testkit;

import org.ebm4j.api.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Entry point for ebm4j's AssertJ assertions:
 * <pre>{@code
 * import static org.ebm4j.testkit.EbmAssertions.assertThat;
 * assertThat(score).hasShape(64, 2).isFinite().isCloseTo(expected, 1e-6, 1e-9);
 * }</pre>
 */
public final class EbmAssertions {

    private EbmAssertions() {}

    public static ArrayAssert assertThat(INDArray actual) {
        return new ArrayAssert(actual);
    }

    public static TensorAssert assertThat(Tensor actual) {
        return new TensorAssert(actual);
    }
}
