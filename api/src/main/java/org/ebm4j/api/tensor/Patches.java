package org.ebm4j.api.tensor;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;

/**
 * The patch matrix of an image batch and its adjoint, in the layout a convolution multiplies: {@code [c·kh·kw, n·oh·ow]},
 * one row per (channel, kernel row, kernel column), one column per output pixel of every image. ND4J's im2col writes
 * {@code [n, c, kh, kw, oh, ow]}, which then needs a transposing copy of the whole (large) matrix, and its col2im adds
 * one element at a time behind a branch; here rows of a stride-1 convolution are single array copies and additions
 * (which the JIT vectorises), both ways, in Java on heap copies of the arrays.
 */
final class Patches {

    private static final ThreadLocal<float[][]> FLOATS = ThreadLocal.withInitial(() -> new float[2][0]);
    private static final ThreadLocal<double[][]> DOUBLES = ThreadLocal.withInitial(() -> new double[2][0]);

    /** One convolution's geometry: batch, channels, image size, kernel, stride, padding and the output size. */
    record Geometry(int n, int c, int h, int w, int kh, int kw, int stride, int padding) {

        int oh() {
            return (int) Convolution.outputSize(h, kh, stride, padding);
        }

        int ow() {
            return (int) Convolution.outputSize(w, kw, stride, padding);
        }

        long imageLength() {
            return (long) n * c * h * w;
        }

        long patchLength() {
            return (long) c * kh * kw * n * oh() * ow();
        }
    }

    private Patches() {}

    static boolean supports(DataType type) {
        return type == DataType.FLOAT || type == DataType.DOUBLE;
    }

    /** Fills {@code out} ({@code [c·kh·kw, n·oh·ow]}, fresh, row-major) with the patches of {@code image} ({@code [n, c, h, w]}). */
    static void im2row(INDArray image, Geometry g, INDArray out) {
        INDArray in = contiguous(image);
        int imageLength = Math.toIntExact(g.imageLength());
        int patchLength = Math.toIntExact(g.patchLength());
        if (in.dataType() == DataType.FLOAT) {
            float[][] s = floats(imageLength, patchLength);
            in.data().asNioFloat().get((int) in.offset(), s[0], 0, imageLength);
            im2row(s[0], s[1], g);
            out.data().asNioFloat().put(0, s[1], 0, patchLength);
        } else {
            double[][] s = doubles(imageLength, patchLength);
            in.data().asNioDouble().get((int) in.offset(), s[0], 0, imageLength);
            im2row(s[0], s[1], g);
            out.data().asNioDouble().put(0, s[1], 0, patchLength);
        }
    }

    /** Fills {@code out} ({@code [n, c, h, w]}, fresh) with the patches {@code columns} added back into images: the adjoint. */
    static void row2im(INDArray columns, Geometry g, INDArray out) {
        INDArray in = contiguous(columns);
        int imageLength = Math.toIntExact(g.imageLength());
        int patchLength = Math.toIntExact(g.patchLength());
        if (in.dataType() == DataType.FLOAT) {
            float[][] s = floats(imageLength, patchLength);
            FloatBuffer from = in.data().asNioFloat();
            from.get((int) in.offset(), s[1], 0, patchLength);
            Arrays.fill(s[0], 0, imageLength, 0f);
            row2im(s[1], s[0], g);
            out.data().asNioFloat().put(0, s[0], 0, imageLength);
        } else {
            double[][] s = doubles(imageLength, patchLength);
            DoubleBuffer from = in.data().asNioDouble();
            from.get((int) in.offset(), s[1], 0, patchLength);
            Arrays.fill(s[0], 0, imageLength, 0.0);
            row2im(s[1], s[0], g);
            out.data().asNioDouble().put(0, s[0], 0, imageLength);
        }
    }

    private static INDArray contiguous(INDArray a) {
        return a.ordering() == 'c' && Shape.hasDefaultStridesForShape(a) ? a : a.dup('c');
    }

    private static void im2row(float[] img, float[] out, Geometry g) {
        int oh = g.oh();
        int ow = g.ow();
        int s = g.stride();
        int p = g.padding();
        int row = 0;
        for (int ci = 0; ci < g.c(); ci++) {
            for (int ki = 0; ki < g.kh(); ki++) {
                for (int kj = 0; kj < g.kw(); kj++, row++) {
                    int lo = firstInside(kj, p, s);
                    int hi = endInside(kj, p, s, g.w(), ow);
                    for (int ni = 0; ni < g.n(); ni++) {
                        for (int oy = 0; oy < oh; oy++) {
                            int dst = ((row * g.n() + ni) * oh + oy) * ow;
                            int y = oy * s + ki - p;
                            if (y < 0 || y >= g.h() || lo >= hi) {
                                Arrays.fill(out, dst, dst + ow, 0f);
                                continue;
                            }
                            int src = ((ni * g.c() + ci) * g.h() + y) * g.w() + kj - p; // + ox·s
                            Arrays.fill(out, dst, dst + lo, 0f);
                            if (s == 1) {
                                System.arraycopy(img, src + lo, out, dst + lo, hi - lo);
                            } else {
                                for (int ox = lo; ox < hi; ox++) {
                                    out[dst + ox] = img[src + ox * s];
                                }
                            }
                            Arrays.fill(out, dst + hi, dst + ow, 0f);
                        }
                    }
                }
            }
        }
    }

    private static void row2im(float[] cols, float[] img, Geometry g) {
        int oh = g.oh();
        int ow = g.ow();
        int s = g.stride();
        int p = g.padding();
        int row = 0;
        for (int ci = 0; ci < g.c(); ci++) {
            for (int ki = 0; ki < g.kh(); ki++) {
                for (int kj = 0; kj < g.kw(); kj++, row++) {
                    int lo = firstInside(kj, p, s);
                    int hi = endInside(kj, p, s, g.w(), ow);
                    for (int ni = 0; ni < g.n(); ni++) {
                        for (int oy = 0; oy < oh; oy++) {
                            int y = oy * s + ki - p;
                            if (y < 0 || y >= g.h()) {
                                continue;
                            }
                            int from = ((row * g.n() + ni) * oh + oy) * ow;
                            int to = ((ni * g.c() + ci) * g.h() + y) * g.w() + kj - p;
                            if (s == 1) {
                                for (int ox = lo; ox < hi; ox++) {
                                    img[to + ox] += cols[from + ox];
                                }
                            } else {
                                for (int ox = lo; ox < hi; ox++) {
                                    img[to + ox * s] += cols[from + ox];
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    private static void im2row(double[] img, double[] out, Geometry g) {
        int oh = g.oh();
        int ow = g.ow();
        int s = g.stride();
        int p = g.padding();
        int row = 0;
        for (int ci = 0; ci < g.c(); ci++) {
            for (int ki = 0; ki < g.kh(); ki++) {
                for (int kj = 0; kj < g.kw(); kj++, row++) {
                    int lo = firstInside(kj, p, s);
                    int hi = endInside(kj, p, s, g.w(), ow);
                    for (int ni = 0; ni < g.n(); ni++) {
                        for (int oy = 0; oy < oh; oy++) {
                            int dst = ((row * g.n() + ni) * oh + oy) * ow;
                            int y = oy * s + ki - p;
                            if (y < 0 || y >= g.h() || lo >= hi) {
                                Arrays.fill(out, dst, dst + ow, 0.0);
                                continue;
                            }
                            int src = ((ni * g.c() + ci) * g.h() + y) * g.w() + kj - p;
                            Arrays.fill(out, dst, dst + lo, 0.0);
                            for (int ox = lo; ox < hi; ox++) {
                                out[dst + ox] = img[src + ox * s];
                            }
                            Arrays.fill(out, dst + hi, dst + ow, 0.0);
                        }
                    }
                }
            }
        }
    }

    private static void row2im(double[] cols, double[] img, Geometry g) {
        int oh = g.oh();
        int ow = g.ow();
        int s = g.stride();
        int p = g.padding();
        int row = 0;
        for (int ci = 0; ci < g.c(); ci++) {
            for (int ki = 0; ki < g.kh(); ki++) {
                for (int kj = 0; kj < g.kw(); kj++, row++) {
                    int lo = firstInside(kj, p, s);
                    int hi = endInside(kj, p, s, g.w(), ow);
                    for (int ni = 0; ni < g.n(); ni++) {
                        for (int oy = 0; oy < oh; oy++) {
                            int y = oy * s + ki - p;
                            if (y < 0 || y >= g.h()) {
                                continue;
                            }
                            int from = ((row * g.n() + ni) * oh + oy) * ow;
                            int to = ((ni * g.c() + ci) * g.h() + y) * g.w() + kj - p;
                            for (int ox = lo; ox < hi; ox++) {
                                img[to + ox * s] += cols[from + ox];
                            }
                        }
                    }
                }
            }
        }
    }

    /** The first output column whose input column {@code ox·s + kj − p} is inside the image (≥ 0). */
    private static int firstInside(int kj, int p, int s) {
        int need = p - kj; // ox·s ≥ p − kj
        return need <= 0 ? 0 : (need + s - 1) / s;
    }

    /** One past the last output column whose input column is inside the image (< w), at most {@code ow}. */
    private static int endInside(int kj, int p, int s, int w, int ow) {
        int limit = w + p - kj; // ox·s < w + p − kj
        if (limit <= 0) {
            return 0;
        }
        return Math.min(ow, (limit + s - 1) / s);
    }

    private static float[][] floats(int a, int b) {
        float[][] s = FLOATS.get();
        if (s[0].length < a) {
            s[0] = new float[a];
        }
        if (s[1].length < b) {
            s[1] = new float[b];
        }
        return s;
    }

    private static double[][] doubles(int a, int b) {
        double[][] s = DOUBLES.get();
        if (s[0].length < a) {
            s[0] = new double[a];
        }
        if (s[1].length < b) {
            s[1] = new double[b];
        }
        return s;
    }
}
