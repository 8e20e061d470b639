package org.ebm4j.api.tensor;

import java.util.Arrays;
import java.util.Objects;
import org.ebm4j.api.tensor.NdOps.Pairwise;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.BaseTransformOp;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMultiplication;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarReverseSubtraction;
import org.nd4j.linalg.api.ops.impl.transforms.floating.Sqrt;
import org.nd4j.linalg.api.ops.impl.transforms.same.Abs;
import org.nd4j.linalg.api.ops.impl.transforms.same.Negative;
import org.nd4j.linalg.api.ops.impl.transforms.same.Square;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Exp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Log;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Log1p;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.indexing.conditions.Conditions;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * An ND4J array that remembers how it was made, so that {@link Autograd} can differentiate through it.
 *
 * <p>Operations compute at once (eagerly) and return new tensors; inputs are never modified. When
 * {@linkplain GradMode recording} is on and an input {@linkplain #requiresGrad() requires grad}, the result
 * records its inputs and a backward rule. Backward rules are themselves written with tensor operations, so
 * gradients taken with {@code createGraph = true} can be differentiated again (Hessian-vector products,
 * gradients of scores).
 *
 * <h2>Shapes</h2>
 * A batch is a matrix {@code [n, d]}: one row per sample. Energies are vectors {@code [n]}. Reductions over all
 * elements give a rank-0 scalar. Elementwise binary operations broadcast as NumPy does (a {@code [1, d]} row or a
 * {@code [d]} vector against every row, an {@code [n, 1]} column against every column, a scalar against
 * everything); the gradient of a broadcast operand is summed back to its shape.
 *
 * <h2>Data types</h2>
 * Training runs in {@link #DEFAULT_TYPE float32}; gradient checks run in float64. Both operands of a binary
 * operation must have the same type.
 *
 * <h2>Memory</h2>
 * Every result owns a fresh array. Inside a {@link TensorScope} those arrays are freed when the scope closes;
 * outside one, when the garbage collector reclaims them.
 *
 * <h2>Writing a loss</h2>
 * <pre>{@code
 * // Denoising score matching, sigma-weighted: ½‖σ s(x̃) + ε‖², s = -∇ₓE
 * Tensor eps = rng.normal(x.dataType(), x.shape());
 * Tensor noisy = x.add(eps.mul(sigma)).requireGrad();
 * Tensor dEdx = Autograd.grad(model.energy(noisy).sum(), noisy, true);
 * Tensor loss = eps.sub(dEdx.mul(sigma)).square().sum(1).mean().mul(0.5);
 * List<Tensor> grads = Autograd.grad(loss, params.tensors(), false);
 * }</pre>
 */
public final class Tensor {

    /** The data type of training: float32. */
    public static final DataType DEFAULT_TYPE = DataType.FLOAT;

    private static final double SOFTPLUS_LINEAR_ABOVE = 20.0;

    private final INDArray value;
    private final boolean requiresGrad;
    private final Node node;
    /** Set when {@code value} is a reused array ({@link ArrayPool}): ends when the owning scope closes. */
    private final ArrayPool.Lease lease;

    private Tensor(INDArray value, boolean requiresGrad, Node node, ArrayPool.Lease lease) {
        this.value = value;
        this.requiresGrad = requiresGrad;
        this.node = node;
        this.lease = lease;
    }

    private Tensor(INDArray value, boolean requiresGrad, Node node) {
        this(value, requiresGrad, node, ArrayPool.leaseOf(value));
    }

    // ------------------------------------------------------------------ creation

    /** A tensor over {@code array} that needs no gradient. The array is shared, not copied, and never freed by a scope. */
    public static Tensor constant(INDArray array) {
        return new Tensor(Objects.requireNonNull(array, "array"), false, null);
    }

    static Tensor constant(INDArray array, ArrayPool.Lease lease) {
        return new Tensor(array, false, null, lease);
    }

    /** A leaf over {@code array} that requires grad: what gradients are taken with respect to. Shares the array. */
    public static Tensor variable(INDArray array) {
        return new Tensor(Objects.requireNonNull(array, "array"), true, null);
    }

    /** A rank-0 constant. */
    public static Tensor scalar(double value, DataType type) {
        return fresh(Nd4j.scalar(type, value));
    }

    /** A constant matrix, one row per inner array. */
    public static Tensor of(DataType type, double[][] rows) {
        return fresh(Nd4j.createFromArray(rows).castTo(type));
    }

    /** A constant vector. */
    public static Tensor of(DataType type, double... values) {
        return fresh(Nd4j.createFromArray(values).castTo(type));
    }

    /** A constant of zeros. */
    public static Tensor zeros(DataType type, long... shape) {
        return fresh(Nd4j.zeros(type, shape));
    }

    /** A constant filled with {@code value}. */
    public static Tensor full(double value, DataType type, long... shape) {
        return fresh(Nd4j.valueArrayOf(shape, value, type));
    }

    /**
     * A constant with uninitialised values, for filling in place (random draws, data copied in): owned by the
     * current {@link TensorScope}, which may hand the same array to a later step instead of allocating a new one.
     */
    public static Tensor uninitialized(DataType type, long... shape) {
        return fresh(ArrayPool.take(type, shape));
    }

    /**
     * A constant over an array that nothing else references (one you just allocated): the current
     * {@link TensorScope} takes ownership and frees it with the step's other temporaries.
     */
    public static Tensor adopt(INDArray freshArray) {
        return fresh(Objects.requireNonNull(freshArray, "freshArray"));
    }

    static Tensor zerosLike(Tensor t) {
        return fresh(ArrayPool.takeLike(t.array()).assign(0));
    }

    static Tensor onesLike(Tensor t) {
        return fresh(ArrayPool.takeLike(t.array()).assign(1));
    }

    /** An elementwise ND4J transform of {@code x} into a pooled array of its shape. */
    private static INDArray transform(INDArray x, java.util.function.BiFunction<INDArray, INDArray, BaseTransformOp> op) {
        INDArray out = ArrayPool.takeLike(x);
        Nd4j.exec(op.apply(x, out));
        return out;
    }

    /** {@code f(x)} into a pooled array: vectorised Java where it can ({@link VectorMath}), else ND4J's {@code op}. */
    private static INDArray transform(INDArray x, VectorMath.Function f,
                                      java.util.function.BiFunction<INDArray, INDArray, BaseTransformOp> op) {
        INDArray out = ArrayPool.takeLike(x);
        if (!VectorMath.apply(f, x, out)) {
            Nd4j.exec(op.apply(x, out));
        }
        return out;
    }

    /** Wraps an array this package just allocated: a constant owned by the current scope. */
    static Tensor fresh(INDArray array) {
        TensorScope.register(array);
        return new Tensor(array, false, null);
    }

    /** The result of an operation: owned by the current scope, recorded when an input requires grad. */
    static Tensor op(String name, INDArray result, Node.Backward backward, Tensor... inputs) {
        TensorScope.register(result);
        if (!GradMode.isEnabled()) {
            return new Tensor(result, false, null);
        }
        for (Tensor in : inputs) {
            if (in.requiresGrad) {
                return new Tensor(result, true, new Node(name, inputs, backward));
            }
        }
        return new Tensor(result, false, null);
    }

    // ------------------------------------------------------------------ inspection

    /** The values. Treat as read-only unless you own the tensor (a leaf you created). */
    public INDArray array() {
        if (value.wasClosed() || (lease != null && !lease.live())) {
            throw new IllegalStateException("Tensor " + describe() + " was used after the TensorScope that owned it closed;"
                    + " pass it to TensorScope.keep(...) to let it outlive the scope");
        }
        return value;
    }

    public long[] shape() {
        return value.shape();
    }

    public int rank() {
        return value.rank();
    }

    public long length() {
        return value.length();
    }

    /** Size of dimension 0 (the batch size of a matrix or vector). */
    public long rows() {
        return value.size(0);
    }

    /** Size of dimension 1 of a matrix (the data dimension of a batch). */
    public long columns() {
        if (value.rank() != 2) {
            throw new IllegalStateException("columns() needs a matrix, got shape " + shapeString(shape()));
        }
        return value.size(1);
    }

    public DataType dataType() {
        return value.dataType();
    }

    /** Whether gradients flow to this tensor: a variable, or the result of an operation on one. */
    public boolean requiresGrad() {
        return requiresGrad;
    }

    /** The value of a one-element tensor. */
    public double item() {
        if (value.length() != 1) {
            throw new IllegalStateException("item() needs a one-element tensor, got shape " + shapeString(shape()));
        }
        return array().getDouble(0);
    }

    /** A copy of the values as a flat double array (row-major). */
    public double[] toDoubleArray() {
        return array().dup('c').data().asDouble();
    }

    Node node() {
        return node;
    }

    /** The same values with no history and no gradient: a constant. Shares the array. */
    public Tensor detach() {
        return new Tensor(array(), false, null, lease);
    }

    /** A new leaf over the same values that requires grad, cut from any history (PyTorch's {@code detach().requires_grad_()}). */
    public Tensor requireGrad() {
        return new Tensor(array(), true, null, lease);
    }

    /** The same values in another data type. */
    public Tensor castTo(DataType type) {
        if (type == dataType()) {
            return this;
        }
        DataType from = dataType();
        return op("castTo", array().castTo(type), (out, g, n) -> new Tensor[] {g.castTo(from)}, this);
    }

    @Override
    public String toString() {
        return describe() + (value.length() <= 16 && !value.wasClosed() && (lease == null || lease.live()) ? " " + value.toString().replaceAll("\\s+", " ") : "");
    }

    private String describe() {
        return "Tensor" + shapeString(value.shape()) + " " + value.dataType()
                + (node != null ? " from " + node.op() : requiresGrad ? " variable" : "");
    }

    static String shapeString(long[] shape) {
        return Arrays.toString(shape);
    }

    // ------------------------------------------------------------------ arithmetic (broadcasting)

    public Tensor add(Tensor other) {
        return op("add", NdOps.binary(Pairwise.ADD, array(), other.array()), (out, g, n) -> new Tensor[] {
            n[0] ? g.reduceTo(shape()) : null,
            n[1] ? g.reduceTo(other.shape()) : null}, this, other);
    }

    public Tensor sub(Tensor other) {
        return op("sub", NdOps.binary(Pairwise.SUB, array(), other.array()), (out, g, n) -> new Tensor[] {
            n[0] ? g.reduceTo(shape()) : null,
            n[1] ? g.neg().reduceTo(other.shape()) : null}, this, other);
    }

    public Tensor mul(Tensor other) {
        return op("mul", NdOps.binary(Pairwise.MUL, array(), other.array()), (out, g, n) -> new Tensor[] {
            n[0] ? g.mul(other).reduceTo(shape()) : null,
            n[1] ? g.mul(this).reduceTo(other.shape()) : null}, this, other);
    }

    public Tensor div(Tensor other) {
        return op("div", NdOps.binary(Pairwise.DIV, array(), other.array()), (out, g, n) -> {
            Tensor gOverB = g.div(other);
            return new Tensor[] {
                n[0] ? gOverB.reduceTo(shape()) : null,
                n[1] ? gOverB.mul(out).neg().reduceTo(other.shape()) : null};
        }, this, other);
    }

    public Tensor add(double c) {
        return op("addScalar", NdOps.scalar(Pairwise.ADD, array(), c, false), (out, g, n) -> new Tensor[] {g}, this);
    }

    public Tensor sub(double c) {
        return add(-c);
    }

    /** {@code c - this}. */
    public Tensor rsub(double c) {
        return op("rsubScalar", NdOps.scalar(Pairwise.SUB, array(), c, true), (out, g, n) -> new Tensor[] {g.neg()}, this);
    }

    public Tensor mul(double c) {
        return op("mulScalar", NdOps.scalar(Pairwise.MUL, array(), c, false), (out, g, n) -> new Tensor[] {g.mul(c)}, this);
    }

    public Tensor div(double c) {
        return mul(1.0 / c);
    }

    public Tensor neg() {
        return op("neg", transform(array(), Negative::new), (out, g, n) -> new Tensor[] {g.neg()}, this);
    }

    // ------------------------------------------------------------------ elementwise functions

    public Tensor square() {
        return op("square", transform(array(), Square::new), (out, g, n) -> new Tensor[] {g.mul(this).mul(2.0)}, this);
    }

    public Tensor sqrt() {
        return op("sqrt", transform(array(), Sqrt::new), (out, g, n) -> new Tensor[] {g.div(out).mul(0.5)}, this);
    }

    /** {@code this ^ p} for a constant exponent. */
    public Tensor pow(double p) {
        if (p == 2.0) {
            return square();
        }
        if (p == 1.0) {
            return this;
        }
        return op("pow", Transforms.pow(array(), p, true), (out, g, n) -> new Tensor[] {g.mul(pow(p - 1.0)).mul(p)}, this);
    }

    public Tensor exp() {
        return op("exp", transform(array(), VectorMath.Function.EXP, Exp::new), (out, g, n) -> new Tensor[] {g.mul(out)}, this);
    }

    public Tensor log() {
        return op("log", transform(array(), Log::new), (out, g, n) -> new Tensor[] {g.div(this)}, this);
    }

    /** {@code log(1 + x)}, accurate for small {@code x}. */
    public Tensor log1p() {
        INDArray out = transform(array(), Log1p::new);
        return op("log1p", out, (o, g, n) -> new Tensor[] {g.div(add(1.0))}, this);
    }

    public Tensor abs() {
        return op("abs", transform(array(), Abs::new),
                (out, g, n) -> new Tensor[] {g.mul(fresh(Transforms.sign(array(), true)))}, this);
    }

    /** Limits every element to {@code [min, max]}; the gradient is zero where an element was clipped. */
    public Tensor clamp(double min, double max) {
        INDArray clipped = Transforms.min(Transforms.max(array(), min, true), max, false);
        return op("clamp", clipped, (out, g, n) -> new Tensor[] {
            g.mul(fresh(NdOps.asMask(out.array().eq(array()), dataType())))}, this);
    }

    public Tensor sigmoid() {
        return op("sigmoid", transform(array(), VectorMath.Function.SIGMOID, Sigmoid::new),
                (out, g, n) -> new Tensor[] {g.mul(out).mul(out.rsub(1.0))}, this);
    }

    public Tensor tanh() {
        return op("tanh", transform(array(), Tanh::new),
                (out, g, n) -> new Tensor[] {g.mul(out.square().rsub(1.0))}, this);
    }

    /** {@code log(1 + eˣ)} without overflow: linear above 20, as PyTorch. */
    public Tensor softplus() {
        // softplus(min(x, 20)) + relu(x - 20): five cheap ND4J calls; a select would be one slow custom op
        INDArray a = array();
        INDArray out = Transforms.min(a, SOFTPLUS_LINEAR_ABOVE, true);
        Transforms.softPlus(out, false);
        INDArray excess = Transforms.relu(a.sub(SOFTPLUS_LINEAR_ABOVE), false);
        out.addi(excess);
        NdOps.free(excess);
        return op("softplus", out, (o, g, n) -> new Tensor[] {g.mul(sigmoid())}, this);
    }

    /** SiLU (swish): {@code x · sigmoid(x)}. */
    public Tensor silu() {
        // sigmoid once; silu, silu' and silu'' are cheap arithmetic on it (transcendentals dominate ND4J's cost)
        INDArray x = array();
        INDArray s = transform(x, VectorMath.Function.SIGMOID, Sigmoid::new);
        TensorScope.register(s);
        return op("silu", x.mul(s, ArrayPool.takeLike(x)), (o, g, n) -> new Tensor[] {g.mul(siluDerivative(s))}, this);
    }

    /** {@code silu'(x) = s (1 + x (1 - s))} from {@code s = sigmoid(x)}. */
    private Tensor siluDerivative(INDArray s) {
        INDArray out = ArrayPool.takeLike(s);
        Nd4j.exec(new ScalarReverseSubtraction(s, null, out, 1.0));
        out.muli(array()).addi(1.0).muli(s);
        return op("siluDerivative", out, (o, g, n) -> new Tensor[] {g.mul(siluSecondDerivative(s))}, this);
    }

    /** {@code silu''(x) = s (1 - s) (2 + x (1 - 2 s))} from {@code s = sigmoid(x)}. */
    private Tensor siluSecondDerivative(INDArray s) {
        INDArray out = ArrayPool.takeLike(s);
        Nd4j.exec(new ScalarMultiplication(s, null, out, -2.0));
        out.addi(1.0).muli(array()).addi(2.0);
        INDArray spread = ArrayPool.takeLike(s);
        Nd4j.exec(new ScalarReverseSubtraction(s, null, spread, 1.0));
        spread.muli(s);
        out.muli(spread);
        NdOps.free(spread);
        return op("siluSecondDerivative", out, (o, g, n) -> new Tensor[] {g.mul(siluThirdDerivative(s))}, this);
    }

    /**
     * The third derivative of SiLU, {@code 3 s2 + x s3}, from {@code s = sigmoid(x)} with {@code s1 = s(1 - s)},
     * {@code s2 = s1(1 - 2s)} and {@code s3 = s2(1 - 2s) - 2 s1²} (the derivatives of the sigmoid): in place,
     * without a second sigmoid (score matching's parameter gradients need it on every step).
     */
    private Tensor siluThirdDerivative(INDArray s) {
        INDArray x = array();
        INDArray oneMinus2s = ArrayPool.takeLike(s);
        Nd4j.exec(new ScalarMultiplication(s, null, oneMinus2s, -2.0));
        oneMinus2s.addi(1.0);
        INDArray s1 = ArrayPool.takeLike(s);
        Nd4j.exec(new ScalarReverseSubtraction(s, null, s1, 1.0));
        s1.muli(s);
        // s1 (1 - 2s)(3 + x(1 - 2s)) - 2x s1²
        INDArray out = x.mul(oneMinus2s, ArrayPool.takeLike(s));
        out.addi(3.0).muli(oneMinus2s).muli(s1);
        s1.muli(s1).muli(x).muli(2.0);
        out.subi(s1);
        NdOps.free(oneMinus2s, s1);
        return op("siluThirdDerivative", out, (o, g, n) -> {
            // the fourth, 4 s3 + x s4 with s4 = s3(1 - 2s) - 6 s1 s2: recorded ops, so any order works
            Tensor sig = sigmoid();
            Tensor s1t = sig.mul(sig.rsub(1.0));
            Tensor oneMinus2 = sig.mul(-2.0).add(1.0);
            Tensor s2t = s1t.mul(oneMinus2);
            Tensor s3t = s2t.mul(oneMinus2).sub(s1t.square().mul(2.0));
            Tensor s4t = s3t.mul(oneMinus2).sub(s1t.mul(s2t).mul(6.0));
            return new Tensor[] {g.mul(s3t.mul(4.0).add(mul(s4t)))};
        }, this);
    }

    public Tensor relu() {
        return op("relu", Transforms.relu(array(), true),
                (out, g, n) -> new Tensor[] {g.mul(fresh(NdOps.asMask(array().gt(0.0), dataType())))}, this);
    }

    /** {@code x} for {@code x > 0}, else {@code alpha · x}. */
    public Tensor leakyRelu(double alpha) {
        return op("leakyRelu", Transforms.leakyRelu(array(), alpha, true), (out, g, n) -> {
            INDArray slope = NdOps.asMask(array().gt(0.0), dataType()).muli(1.0 - alpha).addi(alpha);
            return new Tensor[] {g.mul(fresh(slope))};
        }, this);
    }

    /** {@code x} for {@code x > 0}, else {@code alpha (eˣ - 1)}. */
    public Tensor elu(double alpha) {
        // relu(x) + alpha (exp(min(x, 0)) - 1)
        INDArray a = array();
        INDArray out = Transforms.min(a, 0.0, true);
        Transforms.exp(out, false).subi(1.0).muli(alpha);
        INDArray positive = Transforms.relu(a, true);
        out.addi(positive);
        NdOps.free(positive);
        return op("elu", out, (o, g, n) -> {
            // derivative: 1 above zero, alpha·eˣ = out + alpha below
            Tensor above = fresh(NdOps.asMask(array().gt(0.0), dataType()));
            Tensor slope = o.add(alpha).mul(above.rsub(1.0)).add(above);
            return new Tensor[] {g.mul(slope)};
        }, this);
    }

    // ------------------------------------------------------------------ comparisons and selection (constants)

    /** 1 where {@code this > c}, else 0, as a constant of this tensor's type. */
    public Tensor gt(double c) {
        return fresh(NdOps.asMask(array().gt(c), dataType()));
    }

    /** 1 where {@code this < c}, else 0, as a constant of this tensor's type. */
    public Tensor lt(double c) {
        return fresh(NdOps.asMask(array().lt(c), dataType()));
    }

    /** 1 where {@code this > other} (same shape), else 0, as a constant. */
    public Tensor gt(Tensor other) {
        return fresh(NdOps.asMask(array().gt(other.array()), dataType()));
    }

    /** 1 where {@code this < other} (same shape), else 0, as a constant. */
    public Tensor lt(Tensor other) {
        return fresh(NdOps.asMask(array().lt(other.array()), dataType()));
    }

    /**
     * {@code mask ? ifTrue : ifFalse} elementwise; all three of one shape, {@code mask} nonzero meaning true.
     * Unlike arithmetic blending, an infinite or NaN value in the branch not taken does not leak into the
     * result; no gradient flows into the mask. As in PyTorch, the untaken branch still receives a zero gradient
     * through its own backward rule, and {@code 0 · ∞ = NaN}: where a branch is undefined for some inputs (a
     * square root of negatives), feed it a safe input there first, {@code where(m, x, one).sqrt()}.
     */
    public static Tensor where(Tensor mask, Tensor ifTrue, Tensor ifFalse) {
        if (!Arrays.equals(mask.shape(), ifTrue.shape()) || !Arrays.equals(ifTrue.shape(), ifFalse.shape())) {
            throw new IllegalArgumentException("where needs one shape, got mask " + shapeString(mask.shape()) + ", "
                    + shapeString(ifTrue.shape()) + " and " + shapeString(ifFalse.shape()));
        }
        INDArray out = NdOps.select(mask.array(), ifTrue.array(), ifFalse.array());
        return op("where", out, (o, g, n) -> {
            Tensor m = mask.dataType() == g.dataType() ? mask.detach() : fresh(NdOps.asMask(mask.array().neq(0), g.dataType()));
            Tensor zeros = zerosLike(g);
            return new Tensor[] {
                null,
                n[1] ? where(m, g, zeros) : null,
                n[2] ? where(m, zeros, g) : null};
        }, mask.detach(), ifTrue, ifFalse);
    }

    // ------------------------------------------------------------------ reductions

    /** Sum of all elements: a rank-0 scalar. */
    public Tensor sum() {
        long[] shape = shape();
        return op("sum", array().sum(), (out, g, n) -> new Tensor[] {g.expand(NdOps.aligned(new long[0], shape.length), shape)}, this);
    }

    /** Sum over {@code axis}, which is dropped. */
    public Tensor sum(int axis) {
        return sum(axis, false);
    }

    /** Sum over {@code axis}; kept with size 1 if {@code keepDims}. */
    public Tensor sum(int axis, boolean keepDims) {
        int ax = checkAxis(axis);
        long[] shape = shape();
        return op("sum", array().sum(keepDims, ax),
                (out, g, n) -> new Tensor[] {g.expand(keptShape(shape, ax), shape)}, this);
    }

    /** Mean of all elements: a rank-0 scalar. */
    public Tensor mean() {
        return sum().mul(1.0 / length());
    }

    public Tensor mean(int axis) {
        return mean(axis, false);
    }

    public Tensor mean(int axis, boolean keepDims) {
        return sum(axis, keepDims).mul(1.0 / value.size(checkAxis(axis)));
    }

    /** Maximum of all elements: a rank-0 scalar. Ties share the gradient equally. */
    public Tensor max() {
        long[] shape = shape();
        return maxOver(array().max(), NdOps.aligned(new long[0], shape.length), null);
    }

    /** Maximum over {@code axis}, which is dropped. */
    public Tensor max(int axis) {
        return max(axis, false);
    }

    /** Maximum over {@code axis}; ties share the gradient equally. */
    public Tensor max(int axis, boolean keepDims) {
        int ax = checkAxis(axis);
        return maxOver(array().max(keepDims, ax), keptShape(shape(), ax), ax);
    }

    private Tensor maxOver(INDArray result, long[] kept, Integer axis) {
        long[] shape = shape();
        return op("max", result, (out, g, n) -> {
            INDArray expanded = NdOps.expand(out.array(), kept, shape);
            INDArray mask = NdOps.asMask(array().eq(expanded), dataType());
            INDArray counts = axis == null ? mask.sum() : mask.sum(true, axis);
            INDArray share = NdOps.binary(Pairwise.DIV, mask, counts);
            NdOps.free(expanded, mask, counts);
            return new Tensor[] {g.expand(kept, shape).mul(fresh(share))};
        }, this);
    }

    /** {@code log Σ exp} over all elements, computed without overflow: a rank-0 scalar. */
    public Tensor logSumExp() {
        double m = array().maxNumber().doubleValue();
        double shift = Double.isFinite(m) ? m : 0.0;
        return sub(shift).exp().sum().log().add(shift);
    }

    /** {@code log Σ exp} over {@code axis}, computed without overflow (the maximum is shifted out). */
    public Tensor logSumExp(int axis, boolean keepDims) {
        int ax = checkAxis(axis);
        INDArray m = array().max(true, ax);
        BooleanIndexing.replaceWhere(m, 0.0, Conditions.isInfinite());
        BooleanIndexing.replaceWhere(m, 0.0, Conditions.isNan());
        Tensor shift = fresh(m);
        Tensor lse = sub(shift).exp().sum(ax, keepDims).log();
        return lse.add(keepDims ? shift : fresh(NdOps.reshapeCopy(m, lse.shape())));
    }

    /** {@code x - logSumExp(x)} along {@code axis}: log-probabilities that sum (in probability) to one. */
    public Tensor logSoftmax(int axis) {
        return sub(logSumExp(axis, true));
    }

    /** Per-row dot product of two {@code [n, d]} matrices: {@code [n]}. */
    public Tensor rowDot(Tensor other) {
        return mul(other).sum(1);
    }

    private int checkAxis(int axis) {
        int rank = rank();
        int ax = axis < 0 ? axis + rank : axis;
        if (ax < 0 || ax >= rank) {
            throw new IllegalArgumentException("axis " + axis + " is out of range for shape " + shapeString(shape()));
        }
        return ax;
    }

    private static long[] keptShape(long[] shape, int axis) {
        long[] kept = shape.clone();
        kept[axis] = 1;
        return kept;
    }

    /** Broadcasting's adjoint: sums this gradient back to an operand's {@code shape}. */
    Tensor reduceTo(long[] shape) {
        long[] own = shape();
        if (Arrays.equals(own, shape)) {
            return this;
        }
        long[] aligned = NdOps.aligned(shape, own.length);
        return op("reduceTo", NdOps.reduceTo(array(), aligned, shape),
                (out, g, n) -> new Tensor[] {g.expand(aligned, own)}, this);
    }

    /** Views this tensor with shape {@code aligned} (same elements) and broadcasts it to {@code target}. */
    Tensor expand(long[] aligned, long[] target) {
        long[] own = shape();
        return op("expand", NdOps.expand(array(), aligned, target), (out, g, n) -> {
            if (Arrays.equals(aligned, target)) {
                return new Tensor[] {g.reshape(own)};
            }
            return new Tensor[] {fromReduced(g, aligned, own)};
        }, this);
    }

    private static Tensor fromReduced(Tensor g, long[] aligned, long[] own) {
        long[] gShape = g.shape();
        return op("reduceTo", NdOps.reduceTo(g.array(), aligned, own),
                (out, gg, n) -> new Tensor[] {gg.expand(aligned, gShape)}, g);
    }

    // ------------------------------------------------------------------ linear algebra

    /** Matrix product of two matrices. */
    public Tensor matmul(Tensor other) {
        return mm(this, other, false, false);
    }

    /** {@code op(a) · op(b)} where {@code op} transposes when asked, without materialising the transpose. */
    static Tensor mm(Tensor a, Tensor b, boolean ta, boolean tb) {
        if (a.rank() != 2 || b.rank() != 2) {
            throw new IllegalArgumentException("matmul needs two matrices, got " + shapeString(a.shape()) + " and " + shapeString(b.shape()));
        }
        long inner = ta ? a.shape()[0] : a.shape()[1];
        long innerB = tb ? b.shape()[1] : b.shape()[0];
        if (inner != innerB) {
            throw new IllegalArgumentException("matmul: inner dimensions differ: " + shapeString(a.shape())
                    + (ta ? "ᵀ" : "") + " · " + shapeString(b.shape()) + (tb ? "ᵀ" : ""));
        }
        if (a.dataType() != b.dataType()) {
            throw new IllegalArgumentException("matmul operands differ in data type: " + a.dataType() + " and " + b.dataType());
        }
        long rowsOut = ta ? a.shape()[1] : a.shape()[0];
        long columnsOut = tb ? b.shape()[0] : b.shape()[1];
        INDArray result = Nd4j.gemm(a.array(), b.array(), ArrayPool.take(a.dataType(), rowsOut, columnsOut), ta, tb, 1.0, 0.0);
        return op("matmul", result, (out, g, n) -> {
            Tensor ga = null;
            Tensor gb = null;
            if (!ta && !tb) {            // C = A B
                ga = n[0] ? mm(g, b, false, true) : null;
                gb = n[1] ? mm(a, g, true, false) : null;
            } else if (!ta) {            // C = A Bᵀ
                ga = n[0] ? mm(g, b, false, false) : null;
                gb = n[1] ? mm(g, a, true, false) : null;
            } else if (!tb) {            // C = Aᵀ B
                ga = n[0] ? mm(b, g, false, true) : null;
                gb = n[1] ? mm(a, g, false, false) : null;
            } else {                     // C = Aᵀ Bᵀ
                ga = n[0] ? mm(b, g, true, true) : null;
                gb = n[1] ? mm(g, a, true, true) : null;
            }
            return new Tensor[] {ga, gb};
        }, a, b);
    }

    /**
     * The axes reordered: axis {@code i} of the result is axis {@code axes[i]} of this tensor (a copy in row-major
     * order). The gradient is the inverse permutation of the incoming one.
     */
    public Tensor permute(int... axes) {
        int r = rank();
        if (axes.length != r) {
            throw new IllegalArgumentException("permute needs " + r + " axes for shape " + shapeString(shape()) + ", got " + Arrays.toString(axes));
        }
        int[] inverse = new int[r];
        boolean[] seen = new boolean[r];
        for (int i = 0; i < r; i++) {
            if (axes[i] < 0 || axes[i] >= r || seen[axes[i]]) {
                throw new IllegalArgumentException("permute: " + Arrays.toString(axes) + " is not a permutation of 0.." + (r - 1));
            }
            seen[axes[i]] = true;
            inverse[axes[i]] = i;
        }
        boolean identity = true;
        for (int i = 0; i < r; i++) {
            identity &= axes[i] == i;
        }
        if (identity) {
            return this;
        }
        INDArray result = ArrayPool.take(dataType(), permuted(shape(), axes));
        if (!NdOps.swapBlocks(array(), axes, result)) {
            result.assign(array().permute(axes));
        }
        return op("permute", result, (out, g, n) -> new Tensor[] {g.permute(inverse)}, this);
    }

    private static long[] permuted(long[] shape, int[] axes) {
        long[] out = new long[shape.length];
        for (int i = 0; i < axes.length; i++) {
            out[i] = shape[axes[i]];
        }
        return out;
    }

    /** Transpose of a matrix (a copy). */
    public Tensor transpose() {
        if (rank() != 2) {
            throw new IllegalArgumentException("transpose needs a matrix, got shape " + shapeString(shape()));
        }
        return op("transpose", array().transpose().dup('c'), (out, g, n) -> new Tensor[] {g.transpose()}, this);
    }

    // ------------------------------------------------------------------ shape

    /** The same elements in row-major order with another shape; one dimension may be -1. */
    public Tensor reshape(long... newShape) {
        long[] own = shape();
        if (Arrays.equals(own, newShape)) {
            return this;
        }
        INDArray a = array();
        INDArray view = a.reshape('c', newShape);
        Node.Backward back = (out, g, n) -> new Tensor[] {g.reshape(own)};
        if (view != a && !view.closeable()) {
            // a view over this tensor's memory, no copy (a large image batch's patch matrix is ~15 MB): it lives no longer
            // than the scope that owns the memory (keep() copies views), and carries its lease so a use after that scope
            // closed is still caught
            TensorScope.register(view);
            return new Tensor(view, GradMode.isEnabled() && requiresGrad, GradMode.isEnabled() && requiresGrad
                    ? new Node("reshape", new Tensor[] {this}, back) : null, lease);
        }
        return op("reshape", view == a ? a.dup('c') : view, back, this);
    }

    /** Columns {@code [from, to)} of a matrix. */
    public Tensor columns(long from, long to) {
        return narrow(1, from, to);
    }

    /** Rows {@code [from, to)}. */
    public Tensor rows(long from, long to) {
        return narrow(0, from, to);
    }

    /** Elements {@code [from, to)} along {@code axis}. */
    public Tensor narrow(int axis, long from, long to) {
        int ax = checkAxis(axis);
        long[] own = shape();
        if (from < 0 || to > own[ax] || from >= to) {
            throw new IllegalArgumentException("narrow: [" + from + ", " + to + ") is not a range within dimension "
                    + ax + " of shape " + shapeString(own));
        }
        INDArray slice = array().get(range(own.length, ax, from, to)).dup('c');
        return op("narrow", slice, (out, g, n) -> new Tensor[] {g.padInto(own, ax, from, to)}, this);
    }

    /** Narrow's adjoint: zeros of {@code shape} with this tensor at {@code [from, to)} along {@code axis}. */
    private Tensor padInto(long[] shape, int axis, long from, long to) {
        INDArray out = Nd4j.zeros(dataType(), shape);
        out.get(range(shape.length, axis, from, to)).assign(array());
        return op("pad", out, (o, g, n) -> new Tensor[] {g.narrow(axis, from, to)}, this);
    }

    private static INDArrayIndex[] range(int rank, int axis, long from, long to) {
        INDArrayIndex[] index = new INDArrayIndex[rank];
        for (int i = 0; i < rank; i++) {
            index[i] = i == axis ? NDArrayIndex.interval(from, to) : NDArrayIndex.all();
        }
        return index;
    }

    /** Joins tensors along {@code axis}; all other dimensions must agree. */
    public static Tensor concat(int axis, Tensor... parts) {
        if (parts.length == 0) {
            throw new IllegalArgumentException("concat needs at least one tensor");
        }
        int ax = parts[0].checkAxis(axis);
        INDArray[] arrays = new INDArray[parts.length];
        long[] offsets = new long[parts.length + 1];
        for (int i = 0; i < parts.length; i++) {
            arrays[i] = parts[i].array();
            offsets[i + 1] = offsets[i] + parts[i].shape()[ax];
        }
        INDArray joined = parts.length == 1 ? arrays[0].dup('c') : Nd4j.concat(ax, arrays);
        return op("concat", joined, (out, g, n) -> {
            Tensor[] grads = new Tensor[parts.length];
            for (int i = 0; i < parts.length; i++) {
                grads[i] = n[i] ? g.narrow(ax, offsets[i], offsets[i + 1]) : null;
            }
            return grads;
        }, parts);
    }

    /** Rows {@code indices[0], indices[1], ...} of a matrix (repeats allowed): {@code [indices.length, d]}. */
    public Tensor gatherRows(int... indices) {
        if (rank() != 2) {
            throw new IllegalArgumentException("gatherRows needs a matrix, got shape " + shapeString(shape()));
        }
        long rows = rows();
        for (int i : indices) {
            if (i < 0 || i >= rows) {
                throw new IndexOutOfBoundsException("row " + i + " of a tensor with " + rows + " rows");
            }
        }
        int[] idx = indices.clone();
        return op("gatherRows", Nd4j.pullRows(array(), 1, idx), (out, g, n) -> new Tensor[] {g.scatterAddRows(idx, rows)}, this);
    }

    /**
     * Gather's adjoint: a {@code [rows, d]} matrix with row {@code i} of this added to row {@code indices[i]}.
     * Computed as a product with a one-hot selection matrix: one BLAS call, exact for repeated indices.
     */
    private Tensor scatterAddRows(int[] indices, long rows) {
        INDArray select = Nd4j.zeros(dataType(), rows, indices.length);
        for (int i = 0; i < indices.length; i++) {
            select.putScalar(indices[i], i, 1.0);
        }
        Tensor selection = fresh(select);
        return mm(selection, this, false, false);
    }
}
