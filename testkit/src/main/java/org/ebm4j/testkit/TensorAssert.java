package org.ebm4j.testkit;

import org.assertj.core.api.AbstractAssert;
import org.ebm4j.api.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/** AssertJ assertions for a {@link Tensor}: those of {@link ArrayAssert} on its value. */
public final class TensorAssert extends AbstractAssert<TensorAssert, Tensor> {

    TensorAssert(Tensor actual) {
        super(actual, TensorAssert.class);
    }

    private ArrayAssert value() {
        isNotNull();
        return new ArrayAssert(actual.array()).as(descriptionText());
    }

    public TensorAssert hasShape(long... shape) {
        value().hasShape(shape);
        return this;
    }

    public TensorAssert isFinite() {
        value().isFinite();
        return this;
    }

    public TensorAssert isCloseTo(Tensor expected, double relative, double absolute) {
        value().isCloseTo(expected.array(), relative, absolute);
        return this;
    }

    public TensorAssert isCloseTo(INDArray expected, double relative, double absolute) {
        value().isCloseTo(expected, relative, absolute);
        return this;
    }

    public TensorAssert isCloseTo(double[] expected, double relative, double absolute) {
        value().isCloseTo(expected, relative, absolute);
        return this;
    }
}
