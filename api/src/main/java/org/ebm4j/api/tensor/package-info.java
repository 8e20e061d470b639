/**
 * An eager tensor with reverse-mode automatic differentiation to any order, over ND4J.
 *
 * <h2>In five lines</h2>
 * <pre>{@code
 * Tensor x = Tensor.variable(batch);                        // [n, d], requires grad
 * Tensor e = model.energy(x);                               // [n]
 * Tensor g = Autograd.grad(e.sum(), x, true);               // ∇ₓE, differentiable (graph kept)
 * Tensor loss = g.square().sum(1).mean();                   // any loss of the score
 * List<Tensor> dTheta = Autograd.grad(loss, params.tensors(), false);
 * }</pre>
 *
 * <ul>
 *   <li>{@link org.ebm4j.api.tensor.Tensor}: the values and the operations (arithmetic with NumPy broadcasting,
 *       elementwise functions and activations, reductions, stable log-sum-exp, matmul, slicing, gather, where).
 *       Every operation returns a new tensor and never modifies its inputs.</li>
 *   <li>{@link org.ebm4j.api.tensor.Autograd}: the one entry point for gradients and vector-Jacobian products;
 *       {@code createGraph = true} for gradients of gradients (score matching, Hessian-vector products).</li>
 *   <li>{@link org.ebm4j.api.tensor.GradMode}: switch recording off for sampling and evaluation.</li>
 *   <li>{@link org.ebm4j.api.tensor.TensorScope}: free a step's temporaries deterministically (ND4J's memory is
 *       off-heap and otherwise waits for the garbage collector).</li>
 * </ul>
 *
 * <h2>Conventions</h2>
 * Batches are {@code [n, d]} matrices, energies {@code [n]} vectors, full reductions rank-0 scalars. Training is
 * float32; gradient checks run in float64. Every backward rule is itself written with tensor operations, and
 * each one is checked against central finite differences in float64 at first and second order.
 */
package org.ebm4j.api.tensor;
