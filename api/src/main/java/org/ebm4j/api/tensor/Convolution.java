package org.ebm4j.api.tensor;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Image operations on {@code [n, channels, height, width]} tensors (NCHW), differentiable to any order.
 *
 * <p>A convolution is {@code W · im2col(x)}: {@code im2col} copies every kernel-sized patch of the (zero-padded) image
 * into a column, a matrix product applies the filters. {@code im2col} is linear and its adjoint is {@code col2im}
 * (which adds the columns back into an image), and the reverse: each is the other's backward rule. With the matrix
 * product's own rules, gradients of gradients (score matching's parameter gradient of a loss on ∇ₓE, Hessian-vector
 * products) come out of the same three primitives, and the patch copies use ND4J's native kernels.
 */
public final class Convolution {

    private Convolution() {}

    /** The output size of a convolution along one axis: {@code (size + 2 padding − kernel) / stride + 1}. */
    public static long outputSize(long size, long kernel, int stride, int padding) {
        return (size + 2L * padding - kernel) / stride + 1;
    }

    /**
     * The 2-D convolution (cross-correlation, as in every deep-learning library) of {@code x [n, c, h, w]} with filters
     * {@code w [out, c, kh, kw]}: {@code [n, out, oh, ow]}, zero padding {@code padding} on every side.
     */
    public static Tensor conv2d(Tensor x, Tensor w, int stride, int padding) {
        long[] xs = x.shape();
        long[] ws = w.shape();
        if (xs.length != 4 || ws.length != 4 || xs[1] != ws[1]) {
            throw new IllegalArgumentException("conv2d needs an image batch [n, c, h, w] and filters [out, c, kh, kw] of the same c, got "
                    + Arrays.toString(xs) + " and " + Arrays.toString(ws));
        }
        checkGeometry(xs[2], xs[3], ws[2], ws[3], stride, padding);
        long n = xs[0];
        long out = ws[0];
        long oh = outputSize(xs[2], ws[2], stride, padding);
        long ow = outputSize(xs[3], ws[3], stride, padding);
        long patch = ws[1] * ws[2] * ws[3];
        Tensor columns = Patches.supports(x.dataType())
                ? patches(x, (int) ws[2], (int) ws[3], stride, padding)
                // [n, c, kh, kw, oh, ow] → [c·kh·kw, n·oh·ow]: one column per output pixel
                : im2col(x, (int) ws[2], (int) ws[3], stride, padding).permute(1, 2, 3, 0, 4, 5).reshape(patch, n * oh * ow);
        return w.reshape(out, patch).matmul(columns).reshape(out, n, oh, ow).permute(1, 0, 2, 3);
    }

    /** {@link #conv2d(Tensor, Tensor, int, int)} plus a bias per output channel, {@code b [out]}. */
    public static Tensor conv2d(Tensor x, Tensor w, Tensor b, int stride, int padding) {
        if (b.rank() != 1 || b.shape()[0] != w.shape()[0]) {
            throw new IllegalArgumentException("conv2d's bias needs one value per filter (" + w.shape()[0] + "), got shape "
                    + Arrays.toString(b.shape()));
        }
        return conv2d(x, w, stride, padding).add(b.reshape(1, b.shape()[0], 1, 1));
    }

    /**
     * The transposed convolution: the adjoint of {@link #conv2d} in its input, taking {@code x [n, out, h, w]} with the
     * same filters {@code w [out, c, kh, kw]} to {@code [n, c, (h − 1)·stride − 2·padding + kh, ...]}.
     */
    public static Tensor convTranspose2d(Tensor x, Tensor w, int stride, int padding) {
        long[] xs = x.shape();
        long[] ws = w.shape();
        if (xs.length != 4 || ws.length != 4 || xs[1] != ws[0]) {
            throw new IllegalArgumentException("convTranspose2d needs an image batch [n, out, h, w] and filters [out, c, kh, kw] of the "
                    + "same out, got " + Arrays.toString(xs) + " and " + Arrays.toString(ws));
        }
        long n = xs[0];
        long c = ws[1];
        long h = (xs[2] - 1) * stride - 2L * padding + ws[2];
        long wd = (xs[3] - 1) * stride - 2L * padding + ws[3];
        if (h < 1 || wd < 1 || stride < 1 || padding < 0) {
            throw new IllegalArgumentException("convTranspose2d: stride " + stride + " and padding " + padding + " give no output for "
                    + Arrays.toString(xs) + " and kernel " + ws[2] + "×" + ws[3]);
        }
        long patch = c * ws[2] * ws[3];
        Tensor columns = Tensor.mm(w.reshape(ws[0], patch), x.permute(1, 0, 2, 3).reshape(ws[0], n * xs[2] * xs[3]), true, false);
        Patches.Geometry g = new Patches.Geometry((int) n, (int) c, (int) h, (int) wd, (int) ws[2], (int) ws[3], stride, padding);
        if (Patches.supports(x.dataType()) && g.oh() == xs[2] && g.ow() == xs[3]) {
            return unpatches(columns, g);
        }
        Tensor blocks = columns.reshape(c, ws[2], ws[3], n, xs[2], xs[3]).permute(3, 0, 1, 2, 4, 5);
        return col2im(blocks, stride, padding, h, wd);
    }

    /** Average pooling over non-overlapping {@code k × k} windows; height and width must be multiples of {@code k}. */
    public static Tensor avgPool2d(Tensor x, int k) {
        long[] s = x.shape();
        if (s.length != 4 || k < 1 || s[2] % k != 0 || s[3] % k != 0) {
            throw new IllegalArgumentException("avgPool2d(" + k + ") needs [n, c, h, w] with h and w multiples of " + k + ", got "
                    + Arrays.toString(s));
        }
        if (k == 1) {
            return x;
        }
        return x.reshape(s[0], s[1], s[2] / k, k, s[3] / k, k).mean(5).mean(3);
    }

    /** The sum over every pixel of each channel: {@code [n, c]}. */
    public static Tensor globalSumPool(Tensor x) {
        long[] s = x.shape();
        if (s.length != 4) {
            throw new IllegalArgumentException("globalSumPool needs [n, c, h, w], got " + Arrays.toString(s));
        }
        return x.reshape(s[0], s[1], s[2] * s[3]).sum(2);
    }

    /** The mean over every pixel of each channel: {@code [n, c]}. */
    public static Tensor globalMeanPool(Tensor x) {
        long[] s = x.shape();
        return globalSumPool(x).mul(1.0 / (s[2] * s[3]));
    }

    /**
     * Every {@code kh × kw} patch of the zero-padded image as the matrix a convolution multiplies, {@code [c·kh·kw,
     * n·oh·ow]}; its adjoint (and backward rule) is {@link #unpatches}, and the reverse.
     */
    static Tensor patches(Tensor x, int kh, int kw, int stride, int padding) {
        long[] s = x.shape();
        checkGeometry(s[2], s[3], kh, kw, stride, padding);
        Patches.Geometry g = new Patches.Geometry(Math.toIntExact(s[0]), Math.toIntExact(s[1]), Math.toIntExact(s[2]),
                Math.toIntExact(s[3]), kh, kw, stride, padding);
        INDArray cols = ArrayPool.take(x.dataType(), (long) g.c() * kh * kw, (long) g.n() * g.oh() * g.ow());
        Patches.im2row(x.array(), g, cols);
        return Tensor.op("patches", cols, (out, grad, n) -> new Tensor[] {unpatches(grad, g)}, x);
    }

    /** The patch matrix {@code [c·kh·kw, n·oh·ow]} of {@code g} added back into images {@code [n, c, h, w]}: the adjoint of {@link #patches}. */
    static Tensor unpatches(Tensor columns, Patches.Geometry g) {
        long[] s = columns.shape();
        if (s.length != 2 || s[0] != (long) g.c() * g.kh() * g.kw() || s[1] != (long) g.n() * g.oh() * g.ow()) {
            throw new IllegalArgumentException("unpatches: " + g + " needs columns [" + (long) g.c() * g.kh() * g.kw() + ", "
                    + (long) g.n() * g.oh() * g.ow() + "], got " + Arrays.toString(s));
        }
        INDArray image = ArrayPool.take(columns.dataType(), g.n(), g.c(), g.h(), g.w());
        Patches.row2im(columns.array(), g, image);
        return Tensor.op("unpatches", image, (out, grad, n) -> new Tensor[] {patches(grad, g.kh(), g.kw(), g.stride(), g.padding())}, columns);
    }

    /**
     * Every {@code kh × kw} patch of the zero-padded image, {@code [n, c, kh, kw, oh, ow]}; its adjoint is
     * {@link #col2im}.
     */
    static Tensor im2col(Tensor x, int kh, int kw, int stride, int padding) {
        long[] s = x.shape();
        checkGeometry(s[2], s[3], kh, kw, stride, padding);
        long oh = outputSize(s[2], kh, stride, padding);
        long ow = outputSize(s[3], kw, stride, padding);
        // into an array of the input's type (ND4J's own allocation would be float32), zeroed: padding reads as 0
        INDArray cols = Nd4j.create(x.dataType(), s[0], s[1], kh, kw, oh, ow);
        org.nd4j.linalg.convolution.Convolution.im2col(x.array(), kh, kw, stride, stride, padding, padding, 1, 1, false, cols);
        return Tensor.op("im2col", cols, (out, g, n) -> new Tensor[] {col2im(g, stride, padding, s[2], s[3])}, x);
    }

    /** The patches {@code [n, c, kh, kw, oh, ow]} added back into an image {@code [n, c, h, w]}; the adjoint of {@link #im2col}. */
    static Tensor col2im(Tensor columns, int stride, int padding, long h, long w) {
        long[] s = columns.shape();
        if (s.length != 6) {
            throw new IllegalArgumentException("col2im needs columns [n, c, kh, kw, oh, ow], got " + Arrays.toString(s));
        }
        INDArray image = Nd4j.create(columns.dataType(), s[0], s[1], h, w);
        org.nd4j.linalg.convolution.Convolution.col2im(columns.array(), image, stride, stride, padding, padding, (int) h, (int) w, 1, 1);
        int kh = (int) s[2];
        int kw = (int) s[3];
        return Tensor.op("col2im", image, (out, g, n) -> new Tensor[] {im2col(g, kh, kw, stride, padding)}, columns);
    }

    private static void checkGeometry(long h, long w, long kh, long kw, int stride, int padding) {
        if (stride < 1 || padding < 0 || kh < 1 || kw < 1 || h + 2L * padding < kh || w + 2L * padding < kw) {
            throw new IllegalArgumentException("a " + kh + "×" + kw + " kernel with stride " + stride + " and padding " + padding
                    + " does not fit a " + h + "×" + w + " image");
        }
    }
}
