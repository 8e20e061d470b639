package org.ebm4j.api.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The vectorised float32 sigmoid and exp agree with float64 references everywhere, extremes included, and the
 * test JVMs (started as bin/ebm starts its JVM) really use them.
 */
class VectorMathTest {

    private static final float[] EXTREMES = {0f, -0f, 1e-30f, -1e-30f, 20f, -20f, 88f, -88f, 89f, -89f, 104f, -104f,
        1e30f, -1e30f, Float.MAX_VALUE, -Float.MAX_VALUE, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN};

    @Test
    void theTestJvmUsesTheVectorisedPath() {
        assertThat(VectorMath.available()).as("started with --add-modules jdk.incubator.vector on x86-64").isTrue();
    }

    @Test
    void sigmoidTanhAndExpMatchDoublePrecisionWithinAFewUlps() {
        int n = 4096 + 13; // a tail that is not a whole vector
        float[] values = new float[n];
        java.util.Random random = new java.util.Random(3);
        for (int i = 0; i < n; i++) {
            values[i] = i < EXTREMES.length ? EXTREMES[i] : (float) (random.nextGaussian() * Math.pow(10, random.nextInt(4) - 1));
        }
        INDArray x = Nd4j.createFromArray(values);
        for (VectorMath.Function f : VectorMath.Function.values()) {
            INDArray out = x.ulike();
            assertThat(VectorMath.apply(f, x, out)).isEqualTo(VectorMath.available());
            if (!VectorMath.available()) {
                continue;
            }
            for (int i = 0; i < n; i++) {
                double v = values[i];
                double expected = switch (f) {
                    case SIGMOID -> 1.0 / (1.0 + Math.exp(-v));
                    case EXP -> Math.exp(v);
                };
                float actual = out.getFloat(i);
                if (Double.isNaN(expected)) {
                    assertThat(actual).as("%s(%s)", f, v).isNaN();
                } else if ((float) expected == 0f || Double.isInfinite((float) expected)) {
                    assertThat(actual).as("%s(%s)", f, v).isEqualTo((float) expected);
                } else {
                    assertThat(Math.abs(actual - expected)).as("%s(%s) = %s, expected %s", f, v, actual, expected)
                            .isLessThanOrEqualTo(4 * Math.ulp((float) expected) + Float.MIN_NORMAL); // subnormal results may flush to 0
                }
            }
        }
    }

    /** Bit for bit what the one-element version computes: the same numbers however the JIT treats the loops. */
    @Test
    void theVectorLoopsGiveTheBitsOfTheScalarDefinition() {
        int n = 100_003;
        float[] values = new float[n];
        java.util.Random random = new java.util.Random(5);
        for (int i = 0; i < n; i++) {
            values[i] = i < EXTREMES.length ? EXTREMES[i] : (float) (random.nextDouble() * 200 - 100);
        }
        INDArray x = Nd4j.createFromArray(values);
        INDArray exp = x.ulike();
        INDArray sigmoid = x.ulike();
        for (int repeat = 0; repeat < 30; repeat++) { // long enough for the JIT to compile the loops
            VectorMath.apply(VectorMath.Function.EXP, x, exp);
            VectorMath.apply(VectorMath.Function.SIGMOID, x, sigmoid);
            for (int i = 0; i < n; i += repeat == 29 ? 1 : 997) {
                assertThat(Float.floatToRawIntBits(exp.getFloat(i))).as("exp(%s)", values[i])
                        .isEqualTo(Float.floatToRawIntBits(VectorKernels.exp(values[i])));
                assertThat(Float.floatToRawIntBits(sigmoid.getFloat(i))).as("sigmoid(%s)", values[i])
                        .isEqualTo(Float.floatToRawIntBits(VectorKernels.sigmoid(values[i])));
            }
        }
    }

    @Test
    void otherTypesAndViewsAreLeftToNd4j() {
        INDArray doubles = Nd4j.rand(DataType.DOUBLE, 4, 4);
        assertThat(VectorMath.apply(VectorMath.Function.EXP, doubles, doubles.ulike())).isFalse();
        INDArray floats = Nd4j.rand(DataType.FLOAT, 4, 4);
        INDArray column = floats.getColumn(1);
        assertThat(VectorMath.apply(VectorMath.Function.EXP, column, column.ulike())).isFalse();
        assertThat(VectorMath.apply(VectorMath.Function.EXP, floats.transpose(), floats.ulike())).isFalse();
    }

    @Test
    void tensorOperationsGiveTheSameValuesEitherWay() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 64, 33).subi(0.5).muli(30);
        Tensor t = Tensor.constant(x);
        INDArray viaTensor = t.sigmoid().array();
        INDArray viaNd4j = org.nd4j.linalg.ops.transforms.Transforms.sigmoid(x, true);
        assertThat(viaTensor.sub(viaNd4j).amaxNumber().doubleValue()).isLessThan(3e-7);
        INDArray silu = t.silu().array();
        assertThat(silu.sub(x.mul(viaNd4j)).amaxNumber().doubleValue()).isLessThan(3e-6);
    }
}
