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
 * (which the JIT vectorises), both ways, in Java: the image on the heap, the patch matrix streamed one row (one channel
 * and kernel position: {@code n·oh·ow} values, tens of kilobytes) at a time through a small heap buffer.
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
        int plane = Math.toIntExact(g.patchLength() / ((long) g.c() * g.kh() * g.kw()));
        Math.toIntExact(g.patchLength()); // buffer offsets are ints
        // the image is copied to the heap (1/(kh·kw) of the output); each output row, n·oh·ow values, is assembled in a
        // small heap plane and written with one bulk copy: no heap copy of the whole (large) patch matrix
        if (in.dataType() == DataType.FLOAT) {
            float[][] s = floats(imageLength, plane);
            in.data().asNioFloat().get((int) in.offset(), s[0], 0, imageLength);
            FloatBuffer to = out.data().asNioFloat();
            forEachRow(g, (row, ci, ki, kj) -> {
                im2rowPlane(s[0], s[1], g, ci, ki, kj);
                to.put(row * plane, s[1], 0, plane);
            });
        } else {
            double[][] s = doubles(imageLength, plane);
            in.data().asNioDouble().get((int) in.offset(), s[0], 0, imageLength);
            DoubleBuffer to = out.data().asNioDouble();
            forEachRow(g, (row, ci, ki, kj) -> {
                im2rowPlane(s[0], s[1], g, ci, ki, kj);
                to.put(row * plane, s[1], 0, plane);
            });
        }
    }

    /** A row of the patch matrix: channel {@code ci}, kernel position ({@code ki}, {@code kj}). */
    @FunctionalInterface
    private interface RowAction {
        void apply(int row, int ci, int ki, int kj);
    }

    private static void forEachRow(Geometry g, RowAction action) {
        int row = 0;
        for (int ci = 0; ci < g.c(); ci++) {
            for (int ki = 0; ki < g.kh(); ki++) {
                for (int kj = 0; kj < g.kw(); kj++, row++) {
                    action.apply(row, ci, ki, kj);
                }
            }
        }
    }

    /** Fills {@code out} ({@code [n, c, h, w]}, fresh) with the patches {@code columns} added back into images: the adjoint. */
    static void row2im(INDArray columns, Geometry g, INDArray out) {
        INDArray in = contiguous(columns);
        int imageLength = Math.toIntExact(g.imageLength());
        int plane = Math.toIntExact(g.patchLength() / ((long) g.c() * g.kh() * g.kw()));
        int base = Math.toIntExact(in.offset());
        Math.toIntExact(base + g.patchLength()); // buffer offsets are ints
        // each row of the patch matrix is read with one bulk copy into a small heap plane and added into the heap image
        if (in.dataType() == DataType.FLOAT) {
            float[][] s = floats(imageLength, plane);
            FloatBuffer from = in.data().asNioFloat();
            Arrays.fill(s[0], 0, imageLength, 0f);
            forEachRow(g, (row, ci, ki, kj) -> {
                from.get(base + row * plane, s[1], 0, plane);
                row2imPlane(s[1], s[0], g, ci, ki, kj);
            });
            out.data().asNioFloat().put(0, s[0], 0, imageLength);
        } else {
            double[][] s = doubles(imageLength, plane);
            DoubleBuffer from = in.data().asNioDouble();
            Arrays.fill(s[0], 0, imageLength, 0.0);
            forEachRow(g, (row, ci, ki, kj) -> {
                from.get(base + row * plane, s[1], 0, plane);
                row2imPlane(s[1], s[0], g, ci, ki, kj);
            });
            out.data().asNioDouble().put(0, s[0], 0, imageLength);
        }
    }

    private static INDArray contiguous(INDArray a) {
        return a.ordering() == 'c' && Shape.hasDefaultStridesForShape(a) ? a : a.dup('c');
    }

    // float and double twins below: Java has no generics over primitive arrays, and boxing would cost more than the copy

    /** The output row of channel {@code ci} and kernel position ({@code ki}, {@code kj}): {@code n·oh·ow} values into {@code out}. */
    private static void im2rowPlane(float[] img, float[] out, Geometry g, int ci, int ki, int kj) {
        int oh = g.oh();
        int ow = g.ow();
        int s = g.stride();
        int p = g.padding();
        int lo = firstInside(kj, p, s);
        int hi = endInside(kj, p, s, g.w(), ow);
        for (int ni = 0; ni < g.n(); ni++) {
            for (int oy = 0; oy < oh; oy++) {
                int dst = (ni * oh + oy) * ow;
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

    /** Adds the output row of channel {@code ci} and kernel position ({@code ki}, {@code kj}) back into the image. */
    private static void row2imPlane(float[] cols, float[] img, Geometry g, int ci, int ki, int kj) {
        int oh = g.oh();
        int ow = g.ow();
        int s = g.stride();
        int p = g.padding();
        int lo = firstInside(kj, p, s);
        int hi = endInside(kj, p, s, g.w(), ow);
        for (int ni = 0; ni < g.n(); ni++) {
            for (int oy = 0; oy < oh; oy++) {
                int y = oy * s + ki - p;
                if (y < 0 || y >= g.h()) {
                    continue;
                }
                int from = (ni * oh + oy) * ow;
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

    private static void im2rowPlane(double[] img, double[] out, Geometry g, int ci, int ki, int kj) {
        int oh = g.oh();
        int ow = g.ow();
        int s = g.stride();
        int p = g.padding();
        int lo = firstInside(kj, p, s);
        int hi = endInside(kj, p, s, g.w(), ow);
        for (int ni = 0; ni < g.n(); ni++) {
            for (int oy = 0; oy < oh; oy++) {
                int dst = (ni * oh + oy) * ow;
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

    private static void row2imPlane(double[] cols, double[] img, Geometry g, int ci, int ki, int kj) {
        int oh = g.oh();
        int ow = g.ow();
        int s = g.stride();
        int p = g.padding();
        int lo = firstInside(kj, p, s);
        int hi = endInside(kj, p, s, g.w(), ow);
        for (int ni = 0; ni < g.n(); ni++) {
            for (int oy = 0; oy < oh; oy++) {
                int y = oy * s + ki - p;
                if (y < 0 || y >= g.h()) {
                    continue;
                }
                int from = (ni * oh + oy) * ow;
                int to = ((ni * g.c() + ci) * g.h() + y) * g.w() + kj - p;
                for (int ox = lo; ox < hi; ox++) {
                    img[to + ox * s] += cols[from + ox];
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
