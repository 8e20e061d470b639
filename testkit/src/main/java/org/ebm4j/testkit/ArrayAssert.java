package org.ebm4j.testkit;

import java.util.Arrays;
import org.assertj.core.api.AbstractAssert;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** AssertJ assertions for an {@link INDArray}: shape, finiteness, closeness with relative and absolute tolerance. */
public final class ArrayAssert extends AbstractAssert<ArrayAssert, INDArray> {

    ArrayAssert(INDArray actual) {
        super(actual, ArrayAssert.class);
    }

    public ArrayAssert hasShape(long... shape) {
        isNotNull();
        if (!Arrays.equals(actual.shape(), shape)) {
            failWithMessage("Expected shape %s but was %s", Arrays.toString(shape), Arrays.toString(actual.shape()));
        }
        return this;
    }

    /** No NaN and no infinity anywhere. */
    public ArrayAssert isFinite() {
        isNotNull();
        double[] values = actual.castTo(DataType.DOUBLE).reshape(actual.length()).toDoubleVector();
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                failWithMessage("Expected every entry to be finite, but entry %d (of %d, shape %s) is %s",
                        i, values.length, Arrays.toString(actual.shape()), values[i]);
            }
        }
        return this;
    }

    /** Same shape, and every entry within {@code absolute + relative·|expected|} of the expected one. */
    public ArrayAssert isCloseTo(INDArray expected, double relative, double absolute) {
        hasShape(expected.shape());
        double[] a = actual.castTo(DataType.DOUBLE).reshape(actual.length()).toDoubleVector();
        double[] e = expected.castTo(DataType.DOUBLE).reshape(expected.length()).toDoubleVector();
        int worst = -1;
        double worstExcess = 0;
        for (int i = 0; i < a.length; i++) {
            double allowed = absolute + relative * Math.abs(e[i]);
            double excess = Math.abs(a[i] - e[i]) - allowed;
            if (!(excess <= 0) && (worst < 0 || !(excess <= worstExcess))) {
                worst = i;
                worstExcess = excess;
            }
        }
        if (worst >= 0) {
            failWithMessage("Expected every entry within %s + %s·|expected|, but entry %d is %s where %s was expected (shape %s)",
                    absolute, relative, worst, a[worst], e[worst], Arrays.toString(actual.shape()));
        }
        return this;
    }

    /** As {@link #isCloseTo(INDArray, double, double)} against a vector or matrix written out. */
    public ArrayAssert isCloseTo(double[] expected, double relative, double absolute) {
        return isCloseTo(Nd4j.createFromArray(expected).reshape(actual.shape()), relative, absolute);
    }
}
