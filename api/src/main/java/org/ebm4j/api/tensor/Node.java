package org.ebm4j.api.tensor;

/**
 * How a tensor was made: the operation's name, its inputs and its backward rule. Backward rules are written
 * with {@link Tensor} operations, so when {@link Autograd} keeps the graph, a gradient is itself differentiable.
 */
record Node(String op, Tensor[] inputs, Backward backward) {

    /** The vector-Jacobian product of one operation. */
    @FunctionalInterface
    interface Backward {
        /**
         * @param out   the operation's result
         * @param grad  the gradient of the final output with respect to {@code out}
         * @param needs which inputs need a gradient; rules skip the others
         * @return one gradient per input, {@code null} where not needed
         */
        Tensor[] apply(Tensor out, Tensor grad, boolean[] needs);
    }
}
