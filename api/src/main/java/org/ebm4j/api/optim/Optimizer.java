package org.ebm4j.api.optim;

import java.util.ArrayList;
import java.util.List;
import org.ebm4j.api.param.Parameters;
import org.ebm4j.api.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * Moves one group of parameters along their gradients with an ND4J updater.
 *
 * <p>The gradients of every parameter of the group are copied into one preallocated row vector, clipped by
 * global norm, turned into an update by ND4J's updater in place, and subtracted from each {@link Parameters}'
 * flat store: a handful of ND4J calls per step whatever the number of tensors, and no allocation.
 *
 * <pre>{@code
 * Optimizer opt = new Optimizer(OptimizerSpec.adam(1e-3), List.of(model.parameters()));
 * opt.step(Autograd.grad(loss, opt.tensors(), false));
 * }</pre>
 */
public final class Optimizer {

    private final OptimizerSpec spec;
    private final List<Parameters> groups;
    private final List<Tensor> tensors;
    private final IUpdater config;
    private final GradientUpdater<?> updater;
    private final INDArray state;
    private final INDArray gradient;
    private final List<INDArray> gradientSegments = new ArrayList<>();
    private int iteration;

    /** An optimiser for the parameters of {@code groups} (e.g. a model's and an objective's), moved together. */
    public Optimizer(OptimizerSpec spec, List<Parameters> groups) {
        this.spec = spec;
        this.groups = List.copyOf(groups);
        this.config = Optimizers.updater(spec);
        List<Tensor> all = new ArrayList<>();
        long total = 0;
        DataType type = null;
        for (Parameters p : this.groups) {
            all.addAll(p.tensors());
            total += p.size();
            if (!p.isEmpty()) {
                if (type != null && type != p.dataType()) {
                    throw new IllegalArgumentException("An optimizer's parameters must share one data type, got " + type
                            + " and " + p.dataType());
                }
                type = p.dataType();
            }
        }
        this.tensors = List.copyOf(all);
        DataType dtype = type == null ? Tensor.DEFAULT_TYPE : type;
        this.gradient = Nd4j.zeros(dtype, 1, total);
        long offset = 0;
        for (Parameters p : this.groups) {
            gradientSegments.add(gradient.get(NDArrayIndex.point(0), NDArrayIndex.interval(offset, offset + p.size()))
                    .reshape(1, p.size()));
            offset += p.size();
        }
        long stateSize = config.stateSize(total);
        this.state = stateSize > 0 ? Nd4j.zeros(dtype, 1, stateSize) : null;
        this.updater = config.instantiate(state, true);
        if (state != null) {
            // ND4J's updaters find the layout of their state from the gradient's shape on first use.
            updater.setStateViewArray(state, gradient.shape(), 'c', true);
        }
    }

    /** The parameters this optimiser moves, in the order {@link #step(List)} expects their gradients. */
    public List<Tensor> tensors() {
        return tensors;
    }

    public OptimizerSpec spec() {
        return spec;
    }

    /** Steps taken so far. */
    public int iteration() {
        return iteration;
    }

    /** The learning rate the next step will use (after schedule and warm-up). */
    public double learningRate() {
        return config.hasLearningRate() ? config.getLearningRate(iteration, 0) : Double.NaN;
    }

    /**
     * One update from {@code gradients} (one per {@link #tensors() tensor}, same order and shapes). The
     * gradients are not modified.
     */
    public StepStats step(List<Tensor> gradients) {
        if (gradients.size() != tensors.size()) {
            throw new IllegalArgumentException("Expected " + tensors.size() + " gradients, got " + gradients.size());
        }
        int from = 0;
        for (int g = 0; g < groups.size(); g++) {
            Parameters p = groups.get(g);
            p.flattenInto(gradients.subList(from, from + p.count()), gradientSegments.get(g));
            from += p.count();
        }
        double rate = learningRate();
        double norm = GradientClipping.clipByGlobalNorm(gradient, spec.clipNorm());
        boolean clipped = spec.clipNorm() > 0 && norm > spec.clipNorm();
        updater.applyUpdater(gradient, iteration, 0);
        for (int g = 0; g < groups.size(); g++) {
            INDArray values = groups.get(g).flat();
            if (spec.weightDecay() > 0 && config.hasLearningRate()) {
                values.muli(1.0 - rate * spec.weightDecay());
            }
            values.subi(gradientSegments.get(g));
        }
        iteration++;
        return new StepStats(norm, clipped, rate);
    }

    /** A copy of the state, for a checkpoint. */
    public OptimizerState state() {
        return new OptimizerState(spec.name(), iteration, state == null ? Nd4j.zeros(gradient.dataType(), 1, 0) : state.dup());
    }

    /** Continues from a saved state of an optimiser of the same kind over the same parameters. */
    public void restore(OptimizerState saved) {
        if (!saved.optimizer().equals(spec.name())) {
            throw new IllegalArgumentException("Saved state is of optimizer '" + saved.optimizer() + "', this is '" + spec.name() + "'");
        }
        long expected = state == null ? 0 : state.length();
        if (saved.updaterState().length() != expected) {
            throw new IllegalArgumentException("Saved optimizer state has " + saved.updaterState().length()
                    + " values, expected " + expected + " (were the parameters changed?)");
        }
        if (state != null) {
            state.assign(saved.updaterState().reshape(state.shape()));
        }
        iteration = saved.iteration();
    }
}
