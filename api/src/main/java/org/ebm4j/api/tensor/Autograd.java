package org.ebm4j.api.tensor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reverse-mode differentiation of {@link Tensor} graphs: the one entry point for gradients.
 *
 * <pre>{@code
 * Tensor x = Tensor.variable(batch);                       // a leaf that requires grad
 * Tensor energy = model.energy(x);                         // [n]
 * Tensor dEdx = Autograd.grad(energy.sum(), x, true);      // keep the graph: dEdx is differentiable
 * Tensor hvp = Autograd.grad(dEdx.rowDot(v).sum(), x, true); // Hessian-vector product, per row
 * }</pre>
 *
 * <p>With {@code createGraph = false} the gradients are constants and the backward pass records nothing
 * (cheapest; use it for parameter gradients). With {@code createGraph = true} every backward rule is recorded,
 * so gradients of gradients work to any order, as PyTorch's {@code create_graph=True}.
 *
 * <p>Only the part of the graph between the output and the requested inputs is walked: asking for {@code ∇ₓE}
 * computes no parameter gradients. An input that the output does not depend on gets a gradient of zeros.
 */
public final class Autograd {

    private Autograd() {}

    /** Gradient of a one-element {@code output} with respect to one input. */
    public static Tensor grad(Tensor output, Tensor input, boolean createGraph) {
        return grad(output, List.of(input), createGraph).get(0);
    }

    /** Gradients of a one-element {@code output} with respect to each of {@code inputs}, in their order. */
    public static List<Tensor> grad(Tensor output, List<Tensor> inputs, boolean createGraph) {
        if (output.length() != 1) {
            throw new IllegalArgumentException("grad needs a one-element output (reduce it with sum() or mean()), got shape "
                    + Tensor.shapeString(output.shape()) + "; or pass gradOutput for a vector-Jacobian product");
        }
        return grad(output, inputs, Tensor.onesLike(output), createGraph);
    }

    /**
     * Vector-Jacobian product: the gradient of {@code sum(output * gradOutput)} with respect to each input.
     *
     * @param gradOutput same shape as {@code output}; treated as a constant
     */
    public static List<Tensor> grad(Tensor output, List<Tensor> inputs, Tensor gradOutput, boolean createGraph) {
        Objects.requireNonNull(output, "output");
        if (!java.util.Arrays.equals(output.shape(), gradOutput.shape())) {
            throw new IllegalArgumentException("gradOutput has shape " + Tensor.shapeString(gradOutput.shape())
                    + " but output has shape " + Tensor.shapeString(output.shape()));
        }
        Map<Tensor, Boolean> targets = new IdentityHashMap<>();
        for (Tensor input : inputs) {
            targets.put(Objects.requireNonNull(input, "input"), Boolean.TRUE);
        }
        List<Tensor> order = new ArrayList<>();
        Map<Tensor, Boolean> reaches = topologicalOrder(output, targets, order);

        Map<Tensor, Tensor> grads = new IdentityHashMap<>();
        if (reaches.getOrDefault(output, false)) {
            grads.put(output, gradOutput.detach());
        }
        try (GradMode.Scope ignored = GradMode.set(createGraph)) {
            for (int i = order.size() - 1; i >= 0; i--) {
                Tensor t = order.get(i);
                Tensor g = grads.get(t);
                Node node = t.node();
                if (g == null || node == null) {
                    continue;
                }
                Tensor[] in = node.inputs();
                boolean[] needs = new boolean[in.length];
                boolean any = false;
                for (int k = 0; k < in.length; k++) {
                    needs[k] = in[k].requiresGrad() && reaches.getOrDefault(in[k], false);
                    any |= needs[k];
                }
                if (!any) {
                    continue;
                }
                Tensor[] inputGrads = node.backward().apply(t, g, needs);
                for (int k = 0; k < in.length; k++) {
                    if (needs[k] && inputGrads[k] != null) {
                        grads.merge(in[k], inputGrads[k], Tensor::add);
                    }
                }
                if (!targets.containsKey(t)) {
                    grads.remove(t); // free for the collector as soon as it is consumed
                }
            }
        }
        List<Tensor> result = new ArrayList<>(inputs.size());
        for (Tensor input : inputs) {
            Tensor g = grads.get(input);
            result.add(g != null ? g : Tensor.zerosLike(input));
        }
        return result;
    }

    /**
     * Fills {@code order} with the recorded tensors reachable from {@code output} (inputs before outputs) and
     * returns which of them lead to a target.
     */
    private static Map<Tensor, Boolean> topologicalOrder(Tensor output, Map<Tensor, Boolean> targets, List<Tensor> order) {
        Map<Tensor, Boolean> reaches = new IdentityHashMap<>();
        if (!output.requiresGrad() && !targets.containsKey(output)) {
            return reaches;
        }
        // Iterative post-order DFS: deep graphs (long chains of ops) must not overflow the stack.
        ArrayDeque<Object[]> stack = new ArrayDeque<>();
        stack.push(new Object[] {output, 0});
        reaches.put(output, Boolean.FALSE);
        while (!stack.isEmpty()) {
            Object[] frame = stack.peek();
            Tensor t = (Tensor) frame[0];
            int next = (Integer) frame[1];
            Node node = t.node();
            Tensor[] in = node == null ? new Tensor[0] : node.inputs();
            if (next < in.length) {
                frame[1] = next + 1;
                Tensor child = in[next];
                if (child.requiresGrad() && !reaches.containsKey(child)) {
                    reaches.put(child, Boolean.FALSE);
                    stack.push(new Object[] {child, 0});
                }
                continue;
            }
            stack.pop();
            boolean r = targets.containsKey(t);
            for (Tensor child : in) {
                r |= reaches.getOrDefault(child, false);
            }
            reaches.put(t, r);
            order.add(t);
        }
        return reaches;
    }
}
