package org.ebm4j.api.param;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ebm4j.api.random.RandomSource;
import org.ebm4j.api.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.weightinit.WeightInitScheme;

/**
 * The named, ordered trainable leaves of a component.
 *
 * <p>All values live in one {@code [1, n]} row vector ({@link #flat()}); each named parameter is a view into it.
 * That is the layout ND4J's updaters work on, and it makes a checkpoint one array: an optimiser step is a few
 * whole-vector operations, not one per parameter. Each parameter is a {@linkplain Tensor#variable variable}, so
 * gradients are taken with {@code Autograd.grad(loss, parameters.tensors(), false)}.
 *
 * <pre>{@code
 * Parameters p = Parameters.builder(Tensor.DEFAULT_TYPE)
 *         .add("w1", Init.XAVIER, 2, 128)
 *         .add("b1", Init.ZEROS, 1, 128)
 *         .build(rng.split("init"));
 * Tensor h = x.matmul(p.get("w1")).add(p.get("b1")).silu();
 * }</pre>
 */
public final class Parameters {

    private static final Parameters EMPTY = new Parameters(DataType.FLOAT, Nd4j.zeros(DataType.FLOAT, 1, 0), new LinkedHashMap<>(), new long[0]);

    private final DataType type;
    private final INDArray flat;
    private final Map<String, Tensor> byName;
    private final List<Tensor> tensors;
    private final long[] offsets;

    private Parameters(DataType type, INDArray flat, LinkedHashMap<String, Tensor> byName, long[] offsets) {
        this.type = type;
        this.flat = flat;
        this.byName = Collections.unmodifiableMap(byName);
        this.tensors = List.copyOf(byName.values());
        this.offsets = offsets;
    }

    /** No parameters (a component with nothing to train). */
    public static Parameters empty() {
        return EMPTY;
    }

    /** Starts a set of parameters of one data type. */
    public static Builder builder(DataType type) {
        return new Builder(type);
    }

    /** Names in order. */
    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    /** The parameter called {@code name}. */
    public Tensor get(String name) {
        Tensor t = byName.get(name);
        if (t == null) {
            throw new IllegalArgumentException("No parameter '" + name + "'; parameters: " + byName.keySet());
        }
        return t;
    }

    /** All parameters, in order: the order of {@code Autograd.grad}'s inputs and of {@link #flat()}. */
    public List<Tensor> tensors() {
        return tensors;
    }

    /** Number of named parameters. */
    public int count() {
        return tensors.size();
    }

    /** Total number of scalar values. */
    public long size() {
        return flat.length();
    }

    public boolean isEmpty() {
        return tensors.isEmpty();
    }

    public DataType dataType() {
        return type;
    }

    /** Offset of the {@code index}-th parameter within {@link #flat()}. */
    public long offset(int index) {
        return offsets[index];
    }

    /** The live {@code [1, n]} store of every value: writing to it changes the parameters. */
    public INDArray flat() {
        return flat;
    }

    /** A copy of all values as a {@code [1, n]} row vector. */
    public INDArray snapshot() {
        return flat.dup();
    }

    /** Overwrites all values from a {@code [1, n]} (or length-n) array, as saved by {@link #snapshot()}. */
    public void assign(INDArray values) {
        if (values.length() != flat.length()) {
            throw new IllegalArgumentException("Expected " + flat.length() + " values for parameters " + byName.keySet()
                    + ", got " + values.length());
        }
        flat.assign(values.reshape(1, values.length()));
    }

    /**
     * Copies {@code gradients} (one per parameter, in order, each of its parameter's shape) into the
     * {@code [1, n]} row vector {@code target} — the layout an updater wants.
     */
    public void flattenInto(List<Tensor> gradients, INDArray target) {
        if (gradients.size() != tensors.size()) {
            throw new IllegalArgumentException("Expected " + tensors.size() + " gradients " + byName.keySet()
                    + ", got " + gradients.size());
        }
        for (int i = 0; i < tensors.size(); i++) {
            INDArray g = gradients.get(i).array();
            long len = tensors.get(i).length();
            if (g.length() != len) {
                throw new IllegalArgumentException("Gradient " + i + " (" + names().get(i) + ") has " + g.length()
                        + " values, its parameter " + len);
            }
            target.get(NDArrayIndex.point(0), NDArrayIndex.interval(offsets[i], offsets[i] + len))
                    .assign(g.reshape(len));
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Parameters{");
        for (int i = 0; i < tensors.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(names().get(i)).append(Arrays.toString(tensors.get(i).shape()));
        }
        return sb.append(", total ").append(size()).append('}').toString();
    }

    /** The fan-in and fan-out an initialiser scales by, when they are not the parameter's own shape (a bias). */
    public record Fans(long in, long out) {}

    /** Declares parameters in order, then allocates and initialises them together. */
    public static final class Builder {
        private record Spec(String name, long[] shape, Init init, Double constant, INDArray values, long[] fans) {}

        private final DataType type;
        private final List<Spec> specs = new ArrayList<>();

        private Builder(DataType type) {
            this.type = type;
        }

        /** A parameter of {@code shape} started by {@code init}. A matrix {@code [in, out]} has fan-in {@code in}. */
        public Builder add(String name, Init init, long... shape) {
            specs.add(new Spec(checkName(name), shape.clone(), init, null, null, null));
            return this;
        }

        /**
         * A parameter of {@code shape} started by {@code init} as if it belonged to a layer with the given fan-in and
         * fan-out: a bias {@code [1, out]} of a layer {@code [in, out]} takes {@code (in, out)}, as PyTorch's
         * {@code nn.Linear} draws its bias from {@code U(±1/√in)}.
         */
        public Builder add(String name, Init init, Fans fans, long... shape) {
            specs.add(new Spec(checkName(name), shape.clone(), init, null, null, new long[] {fans.in(), fans.out()}));
            return this;
        }

        /** A parameter of {@code shape} started at {@code value} everywhere. */
        public Builder add(String name, double value, long... shape) {
            specs.add(new Spec(checkName(name), shape.clone(), null, value, null, null));
            return this;
        }

        /** A parameter started at a copy of {@code values}. */
        public Builder add(String name, INDArray values) {
            specs.add(new Spec(checkName(name), values.shape(), null, null, values.dup(), null));
            return this;
        }

        private String checkName(String name) {
            for (Spec s : specs) {
                if (s.name.equals(name)) {
                    throw new IllegalArgumentException("Parameter '" + name + "' is declared twice");
                }
            }
            return name;
        }

        /**
         * Allocates the flat store and initialises every parameter. Random initialisers draw from {@code rng},
         * so the same seed gives the same values whichever thread builds them.
         */
        public Parameters build(RandomSource rng) {
            long total = 0;
            long[] offsets = new long[specs.size()];
            for (int i = 0; i < specs.size(); i++) {
                offsets[i] = total;
                total += Arrays.stream(specs.get(i).shape).reduce(1L, Math::multiplyExact);
            }
            INDArray flat = Nd4j.zeros(type, 1, total);
            LinkedHashMap<String, Tensor> byName = new LinkedHashMap<>();
            for (int i = 0; i < specs.size(); i++) {
                Spec s = specs.get(i);
                long len = Arrays.stream(s.shape).reduce(1L, Math::multiplyExact);
                INDArray segment = flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(offsets[i], offsets[i] + len));
                if (s.values != null) {
                    segment.assign(s.values.reshape(len).castTo(type));
                } else if (s.constant != null) {
                    segment.assign(s.constant);
                } else {
                    fill(segment, s.fans != null ? s.init.scheme(s.fans[0], s.fans[1]) : s.init.scheme(fanIn(s.shape), fanOut(s.shape)), s.shape, rng);
                }
                INDArray view = segment.reshape('c', s.shape);
                byName.put(s.name, Tensor.variable(view));
            }
            return new Parameters(type, flat, byName, offsets);
        }

        private static long fanIn(long[] shape) {
            return shape.length == 0 ? 1 : shape[0];
        }

        private static long fanOut(long[] shape) {
            return shape.length < 2 ? fanIn(shape) : shape[1];
        }

        /**
         * ND4J's schemes draw from the thread's default generator; seeding it from the run's stream first makes
         * the values a function of that stream alone.
         */
        private static void fill(INDArray segment, WeightInitScheme scheme, long[] shape, RandomSource rng) {
            synchronized (Nd4j.getRandom()) {
                Nd4j.getRandom().setSeed(rng.nextLong());
                INDArray values = scheme.create(segment.dataType(), shape);
                segment.assign(values.reshape(segment.length()));
            }
        }
    }
}
