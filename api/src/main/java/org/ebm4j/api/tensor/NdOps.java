package org.ebm4j.api.tensor;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastCopyOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastDivOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastSubOp;
import org.nd4j.linalg.api.ops.impl.controlflow.Select;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarAdd;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarDivision;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMultiplication;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarReverseDivision;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarReverseSubtraction;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarSubtraction;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.AddOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.DivOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.SubOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Raw ND4J helpers behind the tensor operations. Every method returns a freshly allocated (or
 * {@linkplain ArrayPool reused}) array that nothing else references, so a {@link TensorScope} may free it. Fast
 * paths pick ND4J's cheapest call for the common shapes (same shape, scalar, row or column vector) and write
 * into a pooled output; the general case is NumPy broadcasting.
 */
final class NdOps {

    enum Pairwise { ADD, SUB, MUL, DIV }

    private NdOps() {}

    static INDArray binary(Pairwise op, INDArray a, INDArray b) {
        if (a.dataType() != b.dataType()) {
            throw new IllegalArgumentException("Operands differ in data type: " + a.dataType() + " and " + b.dataType()
                    + " (convert one with Tensor.castTo)");
        }
        long[] as = a.shape();
        long[] bs = b.shape();
        if (Arrays.equals(as, bs)) {
            INDArray out = ArrayPool.take(a.dataType(), as);
            return switch (op) {
                case ADD -> a.add(b, out);
                case SUB -> a.sub(b, out);
                case MUL -> a.mul(b, out);
                case DIV -> a.div(b, out);
            };
        }
        if (b.length() == 1 && bs.length <= as.length) {
            return scalar(op, a, b.getDouble(0), false);
        }
        if (a.length() == 1 && as.length <= bs.length) {
            return scalar(op, b, a.getDouble(0), true);
        }
        if (as.length == 2 && isRowOf(bs, as[1])) {
            return broadcastAlong(op, a, b, 1);
        }
        if (as.length == 2 && bs.length == 2 && bs[1] == 1 && bs[0] == as[0]) {
            return broadcastAlong(op, a, b, 0);
        }
        INDArray out = ArrayPool.take(a.dataType(), broadcastShape(as, bs));
        INDArray[] in = {a, b};
        INDArray[] res = {out};
        switch (op) {
            case ADD -> Nd4j.exec(new AddOp(in, res));
            case SUB -> Nd4j.exec(new SubOp(in, res));
            case MUL -> Nd4j.exec(new MulOp(in, res));
            case DIV -> Nd4j.exec(new DivOp(in, res));
        }
        return out;
    }

    /** {@code a op v} for a matrix {@code a} and a vector {@code v} laid along {@code dimension} (1: a row, 0: a column). */
    private static INDArray broadcastAlong(Pairwise op, INDArray a, INDArray v, int dimension) {
        INDArray out = ArrayPool.take(a.dataType(), a.shape());
        Nd4j.exec(switch (op) {
            case ADD -> new BroadcastAddOp(a, v, out, dimension);
            case SUB -> new BroadcastSubOp(a, v, out, dimension);
            case MUL -> new BroadcastMulOp(a, v, out, dimension);
            case DIV -> new BroadcastDivOp(a, v, out, dimension);
        });
        return out;
    }

    /**
     * {@code a op v}, or {@code v op a} when {@code reversed}. ND4J's scalar operations take a NaN argument for
     * "no argument" and silently compute something else ({@code x.mul(NaN)} gives {@code 1e-5·x} in 1.0.0-M2.1),
     * so a NaN goes through an elementwise operation on a filled array instead.
     */
    static INDArray scalar(Pairwise op, INDArray a, double v, boolean reversed) {
        if (Double.isNaN(v)) {
            INDArray filled = Nd4j.valueArrayOf(a.shape(), Double.NaN, a.dataType());
            INDArray out = reversed ? binary(op, filled, a) : binary(op, a, filled);
            free(filled);
            return out;
        }
        INDArray out = ArrayPool.take(a.dataType(), a.shape());
        Nd4j.exec(switch (op) {
            case ADD -> new ScalarAdd(a, null, out, v);
            case SUB -> reversed ? new ScalarReverseSubtraction(a, null, out, v) : new ScalarSubtraction(a, null, out, v);
            case MUL -> new ScalarMultiplication(a, null, out, v);
            case DIV -> reversed ? new ScalarReverseDivision(a, null, out, v) : new ScalarDivision(a, null, out, v);
        });
        return out;
    }

    private static boolean isRowOf(long[] shape, long columns) {
        return (shape.length == 2 && shape[0] == 1 && shape[1] == columns) || (shape.length == 1 && shape[0] == columns);
    }

    /** NumPy broadcasting: shapes aligned at their last dimension; each pair equal or one of them 1. */
    static long[] broadcastShape(long[] a, long[] b) {
        int rank = Math.max(a.length, b.length);
        long[] out = new long[rank];
        for (int i = 0; i < rank; i++) {
            long da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
            long db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException("Shapes " + Tensor.shapeString(a) + " and " + Tensor.shapeString(b)
                        + " do not broadcast (dimension " + i + ": " + da + " vs " + db + ")");
            }
            out[i] = da == 1 ? db : da;
        }
        return out;
    }

    /** {@code shape} with leading ones up to {@code rank}: how NumPy lines it up against a larger shape. */
    static long[] aligned(long[] shape, int rank) {
        long[] out = new long[rank];
        Arrays.fill(out, 1L);
        System.arraycopy(shape, 0, out, rank - shape.length, shape.length);
        return out;
    }

    /**
     * Sums {@code x} over every dimension where {@code aligned} is 1 and {@code x} is not, then gives the result
     * {@code finalShape} (same number of elements as {@code aligned}).
     */
    static INDArray reduceTo(INDArray x, long[] aligned, long[] finalShape) {
        long[] xs = x.shape();
        int count = 0;
        int[] dims = new int[xs.length];
        for (int i = 0; i < xs.length; i++) {
            if (aligned[i] == 1 && xs[i] != 1) {
                dims[count++] = i;
            }
        }
        if (finalShape.length == 0) {
            return Nd4j.scalar(x.dataType(), x.sumNumber().doubleValue());
        }
        INDArray summed = count == 0 ? x.dup() : x.sum(true, Arrays.copyOf(dims, count));
        return reshapeOwned(summed, finalShape);
    }

    /**
     * Broadcasts {@code x}, viewed with shape {@code aligned}, to {@code target}. The common cases (a scalar, a row
     * or a column against a matrix) fill a pooled array: ND4J's general {@code broadcast} costs 0.7-1.4 ms at
     * 256 × 128, a hundred times a copy.
     */
    static INDArray expand(INDArray x, long[] aligned, long[] target) {
        INDArray view = Arrays.equals(x.shape(), aligned) ? x : x.reshape('c', aligned);
        if (Arrays.equals(aligned, target)) {
            return view == x ? x.dup() : view.dup();
        }
        if (x.length() == 1) {
            return ArrayPool.take(x.dataType(), target).assign(x.getDouble(0));
        }
        if (target.length == 2 && (aligned[0] == 1 || aligned[1] == 1)) {
            INDArray out = ArrayPool.take(x.dataType(), target);
            int along = aligned[0] == 1 ? 1 : 0;
            Nd4j.exec(new BroadcastCopyOp(out, x.reshape(x.length()), out, along));
            return out;
        }
        // [a, b, 1, 1] → [a, b, k, l] (a sum's backward over trailing axes) or [1, 1, a, b] → [k, l, a, b]: one 2-D
        // broadcast of the matrix [a·b, 1] or [1, a·b]; ND4J's general broadcast is several times slower
        int kept = keptBlock(aligned, target);
        if (kept != 0 && x.ordering() == 'c') {
            long inner = x.length();
            long outer = Arrays.stream(target).reduce(1, (u, v) -> u * v) / inner;
            INDArray out = ArrayPool.take(x.dataType(), target);
            INDArray flat = out.reshape('c', kept > 0 ? new long[] {inner, outer} : new long[] {outer, inner});
            Nd4j.exec(new BroadcastCopyOp(flat, x.reshape('c', new long[] {inner}), flat, kept > 0 ? 0 : 1));
            return out;
        }
        return view.broadcast(target);
    }

    /**
     * 1 if {@code aligned} keeps the leading axes of {@code target} and is 1 on all the others, −1 if it is 1 on leading
     * axes and keeps the rest, 0 otherwise.
     */
    private static int keptBlock(long[] aligned, long[] target) {
        int r = target.length;
        int k = 0;
        while (k < r && aligned[k] == target[k]) {
            k++;
        }
        boolean trailingOnes = k > 0 && k < r;
        for (int i = k; i < r && trailingOnes; i++) {
            trailingOnes = aligned[i] == 1;
        }
        if (trailingOnes) {
            return 1;
        }
        int j = 0;
        while (j < r && aligned[j] == 1) {
            j++;
        }
        boolean rest = j > 0 && j < r;
        for (int i = j; i < r && rest; i++) {
            rest = aligned[i] == target[i];
        }
        return rest ? -1 : 0;
    }

    /** Reshapes a fresh temporary; frees it if the reshape had to copy through a view. */
    static INDArray reshapeOwned(INDArray fresh, long[] shape) {
        if (Arrays.equals(fresh.shape(), shape)) {
            return fresh;
        }
        INDArray r = fresh.reshape('c', shape);
        if (r.closeable() && r != fresh) {
            free(fresh);
            return r;
        }
        INDArray copy = r.dup('c');
        free(fresh);
        return copy;
    }

    /** A copy of any array (view or not) with a buffer of its own. */
    static INDArray reshapeCopy(INDArray x, long[] shape) {
        INDArray r = x.reshape('c', shape);
        return (r == x || !r.closeable()) ? r.dup('c') : r;
    }

    /** {@code cond ? a : b} elementwise; {@code cond} is any array, nonzero meaning true. */
    static INDArray select(INDArray cond, INDArray a, INDArray b) {
        INDArray c = cond.dataType() == DataType.BOOL ? cond : cond.castTo(DataType.BOOL);
        INDArray out = ArrayPool.takeLike(a);
        Nd4j.exec(new Select(new INDArray[] {c, a, b}, new INDArray[] {out}));
        if (c != cond) {
            free(c);
        }
        return out;
    }

    /** A 0/1 array of {@code type} from a boolean array, freeing the boolean one. */
    static INDArray asMask(INDArray bool, DataType type) {
        INDArray mask = bool.castTo(type);
        free(bool);
        return mask;
    }

    /** Frees temporaries at once: pooled ones go back to the pool, others are closed. */
    static void free(INDArray... arrays) {
        ArrayPool pool = ArrayPool.current();
        for (INDArray a : arrays) {
            if (a != null && !pool.giveBack(a) && a.closeable()) {
                a.close();
            }
        }
    }

    /**
     * A permutation that swaps two leading blocks of axes and keeps the rest, {@code [P..., Q..., R...] → [Q..., P...,
     * R...]} (every permutation a convolution makes), copied as rows of {@code R} contiguous values into
     * {@code out}: ND4J's {@code assign} from a permuted view walks it element by element, several times slower.
     * False (nothing written) for any other permutation or an array that is not a dense row-major float or double.
     */
    static boolean swapBlocks(INDArray in, int[] axes, INDArray out) {
        // the input may be a view (a reshape) as long as its elements lie contiguously in row-major order
        if (in.ordering() != 'c' || !org.nd4j.linalg.api.shape.Shape.hasDefaultStridesForShape(in) || out.isView()
                || out.ordering() != 'c' || in.dataType() != out.dataType()
                || (in.dataType() != DataType.FLOAT && in.dataType() != DataType.DOUBLE)) {
            return false;
        }
        int r = axes.length;
        int q0 = axes[0]; // the second block starts here in the input
        if (q0 == 0) {
            return false;
        }
        int k = 0;
        for (int a = q0; k < r && axes[k] == a && a < r; a++) {
            k++; // the Q block: q0, q0 + 1, ...
        }
        int qEnd = q0 + k;
        for (int a = 0; a < q0; a++) {
            if (k + a >= r || axes[k + a] != a) {
                return false; // the P block must follow, in order
            }
        }
        for (int a = k + q0; a < r; a++) {
            if (axes[a] != a || a < qEnd) {
                return false; // the rest stays in place
            }
        }
        long[] shape = in.shape();
        long p = 1;
        long q = 1;
        long rest = 1;
        for (int a = 0; a < r; a++) {
            if (a < q0) {
                p *= shape[a];
            } else if (a < qEnd) {
                q *= shape[a];
            } else {
                rest *= shape[a];
            }
        }
        long base = in.offset();
        if (base + p * q * rest > Integer.MAX_VALUE) {
            return false;
        }
        int row = (int) rest;
        if (in.dataType() == DataType.FLOAT) {
            java.nio.FloatBuffer from = in.data().asNioFloat();
            java.nio.FloatBuffer to = out.data().asNioFloat();
            for (int j = 0; j < q; j++) {
                for (int i = 0; i < p; i++) {
                    to.put((int) ((j * p + i) * row), from, (int) (base + (i * q + j) * row), row);
                }
            }
        } else {
            java.nio.DoubleBuffer from = in.data().asNioDouble();
            java.nio.DoubleBuffer to = out.data().asNioDouble();
            for (int j = 0; j < q; j++) {
                for (int i = 0; i < p; i++) {
                    to.put((int) ((j * p + i) * row), from, (int) (base + (i * q + j) * row), row);
                }
            }
        }
        return true;
    }
}
