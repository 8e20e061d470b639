package org.ebm4j.api.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Convolutions against direct loops, and a Hessian-vector product through a conv net against finite differences. */
class ConvolutionTest {

    private static INDArray random(Random r, long... shape) {
        INDArray a = Nd4j.create(DataType.DOUBLE, shape);
        for (long i = 0; i < a.length(); i++) {
            a.putScalar(i, r.nextGaussian());
        }
        return a;
    }

    /** y[n, o, i, j] = Σ_c,a,b w[o, c, a, b] · x[n, c, i·s + a − p, j·s + b − p] (zero outside). */
    private static double[][][][] direct(INDArray x, INDArray w, int s, int p) {
        long[] xs = x.shape();
        long[] ws = w.shape();
        int oh = (int) Convolution.outputSize(xs[2], ws[2], s, p);
        int ow = (int) Convolution.outputSize(xs[3], ws[3], s, p);
        double[][][][] y = new double[(int) xs[0]][(int) ws[0]][oh][ow];
        for (int n = 0; n < xs[0]; n++) {
            for (int o = 0; o < ws[0]; o++) {
                for (int i = 0; i < oh; i++) {
                    for (int j = 0; j < ow; j++) {
                        double sum = 0;
                        for (int c = 0; c < xs[1]; c++) {
                            for (int a = 0; a < ws[2]; a++) {
                                for (int b = 0; b < ws[3]; b++) {
                                    int r = i * s + a - p;
                                    int q = j * s + b - p;
                                    if (r >= 0 && r < xs[2] && q >= 0 && q < xs[3]) {
                                        sum += w.getDouble(o, c, a, b) * x.getDouble(n, c, r, q);
                                    }
                                }
                            }
                        }
                        y[n][o][i][j] = sum;
                    }
                }
            }
        }
        return y;
    }

    @Test
    void convolutionsMatchDirectLoops() {
        Random r = new Random(7);
        int[][] geometries = {{1, 0}, {1, 1}, {2, 1}, {2, 0}, {3, 2}};
        for (int[] g : geometries) {
            INDArray x = random(r, 2, 3, 7, 6);
            INDArray w = random(r, 4, 3, 3, 2);
            double[][][][] expected = direct(x, w, g[0], g[1]);
            INDArray y = Convolution.conv2d(Tensor.constant(x), Tensor.constant(w), g[0], g[1]).array();
            assertThat(y.shape()).as("stride %d, padding %d", g[0], g[1])
                    .containsExactly(2, 4, expected[0][0].length, expected[0][0][0].length);
            for (int n = 0; n < 2; n++) {
                for (int o = 0; o < 4; o++) {
                    for (int i = 0; i < expected[0][0].length; i++) {
                        for (int j = 0; j < expected[0][0][0].length; j++) {
                            assertThat(y.getDouble(n, o, i, j)).as("y[%d,%d,%d,%d], stride %d, padding %d", n, o, i, j, g[0], g[1])
                                    .isCloseTo(expected[n][o][i][j], within(1e-12));
                        }
                    }
                }
            }
        }
    }

    /**
     * The Java patch matrix is ND4J's im2col in the matrix layout, and its adjoint ND4J's col2im, for strides 1 to 3,
     * paddings 0 to 2 and non-square kernels, in float and double (the float path copies whole rows).
     */
    @Test
    void patchesAreNd4jsIm2colAsAMatrixAndUnpatchesItsCol2im() {
        Random r = new Random(11);
        int[][] geometries = {{3, 3, 1, 1}, {3, 2, 1, 0}, {3, 3, 2, 1}, {2, 3, 3, 2}, {1, 1, 1, 0}, {5, 5, 2, 2}};
        for (int[] k : geometries) {
            for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
                INDArray x = random(r, 3, 2, 7, 6).castTo(type);
                try (TensorScope scope = TensorScope.open()) {
                    Tensor cols = Convolution.im2col(Tensor.constant(x), k[0], k[1], k[2], k[3]);
                    long[] cs = cols.shape();
                    INDArray expected = cols.permute(1, 2, 3, 0, 4, 5).reshape(cs[1] * cs[2] * cs[3], cs[0] * cs[4] * cs[5]).array();
                    Tensor patches = Convolution.patches(Tensor.constant(x), k[0], k[1], k[2], k[3]);
                    assertThat(patches.array()).as("%s %s", java.util.Arrays.toString(k), type).isEqualTo(expected);
                    INDArray g = random(r, expected.shape()).castTo(type);
                    INDArray back = Convolution.col2im(Tensor.constant(g).reshape(cs[1], cs[2], cs[3], cs[0], cs[4], cs[5])
                            .permute(3, 0, 1, 2, 4, 5), k[2], k[3], 7, 6).array();
                    Patches.Geometry geometry = new Patches.Geometry(3, 2, 7, 6, k[0], k[1], k[2], k[3]);
                    INDArray unpatched = Convolution.unpatches(Tensor.constant(g), geometry).array();
                    assertThat(unpatched.sub(back).amaxNumber().doubleValue()).as("%s %s", java.util.Arrays.toString(k), type)
                            .isLessThan(type == DataType.FLOAT ? 1e-5 : 1e-12);
                }
            }
        }
    }

    /** Every permutation, on the fast row-copy path or not, equals ND4J's own permuted copy, in float and double. */
    @Test
    void permutationsMatchNd4jsPermutedCopies() {
        Random r = new Random(5);
        int[][] perms = {{1, 0}, {1, 2, 3, 0, 4, 5}, {3, 0, 1, 2, 4, 5}, {1, 0, 2, 3}, {2, 0, 1}, {0, 2, 1}, {2, 1, 0}};
        for (int[] p : perms) {
            long[] shape = java.util.stream.IntStream.range(0, p.length).mapToLong(i -> 2 + i % 3).toArray();
            for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
                INDArray a = random(r, shape).castTo(type);
                INDArray expected = a.permute(p).dup('c');
                assertThat(Tensor.constant(a).permute(p).array()).as("%s %s", java.util.Arrays.toString(p), type).isEqualTo(expected);
                // the same values as a view into a larger array, at an offset (what a reshape of rows hands on)
                long length = a.length();
                INDArray host = Nd4j.concat(0, random(r, 3, length).castTo(type), a.reshape(1, length), random(r, 2, length).castTo(type));
                try (TensorScope scope = TensorScope.open()) {
                    Tensor view = Tensor.constant(host).rows(3, 4).reshape(shape);
                    assertThat(view.array().isView()).isTrue();
                    assertThat(view.permute(p).array()).as("view %s %s", java.util.Arrays.toString(p), type).isEqualTo(expected);
                }
            }
        }
    }

    /** ⟨convTranspose(y), x⟩ = ⟨y, conv(x)⟩ for all x, y: the transposed convolution is the adjoint. */
    @Test
    void theTransposedConvolutionIsTheAdjoint() {
        Random r = new Random(3);
        for (int[] g : new int[][] {{1, 0}, {1, 1}, {2, 1}}) {
            INDArray w = random(r, 4, 3, 3, 3);
            INDArray x = random(r, 2, 3, 7, 7);
            Tensor conv = Convolution.conv2d(Tensor.constant(x), Tensor.constant(w), g[0], g[1]);
            INDArray y = random(r, conv.shape());
            Tensor back = Convolution.convTranspose2d(Tensor.constant(y), Tensor.constant(w), g[0], g[1]);
            if (back.shape()[2] != 7) {
                continue; // a stride that drops the last row: shapes differ, nothing to pair
            }
            assertThat(back.array().mul(x).sumNumber().doubleValue()).as("stride %d, padding %d", g[0], g[1])
                    .isCloseTo(conv.array().mul(y).sumNumber().doubleValue(), within(1e-10));
        }
    }

    @Test
    void poolingAveragesWindowsAndChannels() {
        INDArray x = Nd4j.arange(16).castTo(DataType.DOUBLE).reshape(1, 1, 4, 4);
        assertThat(Convolution.avgPool2d(Tensor.constant(x), 2).array().reshape(4).toDoubleVector()).containsExactly(2.5, 4.5, 10.5, 12.5);
        assertThat(Convolution.globalMeanPool(Tensor.constant(x)).array().getDouble(0, 0)).isEqualTo(7.5);
        assertThatThrownBy(() -> Convolution.avgPool2d(Tensor.constant(Nd4j.zeros(1, 1, 5, 4)), 2)).hasMessageContaining("multiples of 2");
        assertThatThrownBy(() -> Convolution.conv2d(Tensor.constant(Nd4j.zeros(1, 2, 5, 5)), Tensor.constant(Nd4j.zeros(3, 1, 3, 3)), 1, 0))
                .hasMessageContaining("of the same c");
        assertThatThrownBy(() -> Convolution.conv2d(Tensor.constant(Nd4j.zeros(1, 1, 2, 2)), Tensor.constant(Nd4j.zeros(3, 1, 3, 3)), 1, 0))
                .hasMessageContaining("does not fit");
    }

    /**
     * H·v of a two-layer conv energy in its input, by double backward, against the central difference of its input
     * gradient along v: the quantity score matching differentiates.
     */
    @Test
    void hessianVectorProductThroughATwoLayerConvNet() {
        Random r = new Random(11);
        INDArray w1 = random(r, 4, 1, 3, 3).muli(0.5);
        INDArray w2 = random(r, 3, 4, 3, 3).muli(0.5);
        INDArray x0 = random(r, 2, 1, 6, 6);
        INDArray v = random(r, 2, 1, 6, 6);
        java.util.function.Function<Tensor, Tensor> energy = x -> Convolution.globalMeanPool(Convolution.conv2d(
                Convolution.conv2d(x, Tensor.constant(w1), 1, 1).silu(), Tensor.constant(w2), 2, 1).silu()).sum();
        INDArray hv;
        try (GradMode.Scope on = GradMode.on()) {
            Tensor x = Tensor.constant(x0.dup()).requireGrad();
            Tensor g = Autograd.grad(energy.apply(x), x, true);
            hv = Autograd.grad(g.mul(Tensor.constant(v)).sum(), x, false).array().dup();
        }
        double eps = 1e-5;
        INDArray plus;
        INDArray minus;
        try (GradMode.Scope on = GradMode.on()) {
            Tensor xp = Tensor.constant(x0.add(v.mul(eps))).requireGrad();
            plus = Autograd.grad(energy.apply(xp), xp, false).array().dup();
            Tensor xm = Tensor.constant(x0.sub(v.mul(eps))).requireGrad();
            minus = Autograd.grad(energy.apply(xm), xm, false).array().dup();
        }
        INDArray fd = plus.sub(minus).divi(2 * eps);
        assertThat(hv.amaxNumber().doubleValue()).as("a non-trivial product").isGreaterThan(1e-3);
        assertThat(hv.sub(fd).amaxNumber().doubleValue()).isLessThan(1e-7 * Math.max(1, fd.amaxNumber().doubleValue()));
    }
}
