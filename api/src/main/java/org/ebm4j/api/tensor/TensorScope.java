package org.ebm4j.api.tensor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Frees the off-heap memory of every tensor created inside it when it is closed.
 *
 * <p>ND4J frees native memory only when the garbage collector reclaims an {@code INDArray}; a training step
 * creates hundreds of temporaries, so without a scope resident memory grows by gigabytes before the collector
 * notices. Open a scope around each step and close it when the step is done:
 * <pre>{@code
 * for (int step = 0; step < steps; step++) {
 *     try (TensorScope scope = TensorScope.open()) {
 *         Tensor loss = objective.loss(model, batch);
 *         optimizer.step(Autograd.grad(loss, params.tensors(), false));
 *         lossValue = loss.item();             // read what you need before the scope closes
 *     }
 * }
 * }</pre>
 * Every array an operation allocates (results, gradients, random draws) belongs to the innermost open scope of
 * the current thread. Arrays the caller passed in ({@link Tensor#constant}, {@link Tensor#variable}, parameters)
 * are never freed by a scope. A tensor that must outlive the scope is passed to {@link #keep(Tensor)}.
 * Using a tensor after its scope closed throws {@link IllegalStateException} rather than reading freed memory.
 * Scopes nest; a scope must be closed on the thread that opened it, in reverse order of opening.
 */
public final class TensorScope implements AutoCloseable {

    private static final ThreadLocal<ArrayDeque<TensorScope>> OPEN = ThreadLocal.withInitial(ArrayDeque::new);

    private final List<INDArray> owned = new ArrayList<>();
    private final Set<INDArray> kept = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Thread owner = Thread.currentThread();
    private boolean closed;

    private TensorScope() {}

    /** Opens a scope on the current thread; close it with try-with-resources. */
    public static TensorScope open() {
        TensorScope scope = new TensorScope();
        OPEN.get().push(scope);
        return scope;
    }

    /** Whether a scope is open on the current thread. */
    static boolean isOpen() {
        return !OPEN.get().isEmpty();
    }

    /** Registers a freshly allocated array with the innermost open scope, if any. */
    static void register(INDArray array) {
        TensorScope scope = OPEN.get().peek();
        if (scope != null) {
            scope.owned.add(array);
        }
    }

    /**
     * Lets {@code tensor}'s values outlive this scope. The result is a detached tensor (no graph: the graph's
     * intermediate values are freed with the scope) over the same array, which moves to the enclosing scope
     * if there is one, else to the garbage collector.
     */
    public Tensor keep(Tensor tensor) {
        INDArray array = tensor.array();
        if (array.isView()) {
            // a view may look into an array this scope hands back for reuse: keep a copy of its own
            array = array.dup();
        }
        kept.add(array);
        TensorScope parent = parent();
        if (parent != null) {
            parent.owned.add(array);
        } else {
            ArrayPool.current().release(array);
        }
        return Tensor.constant(array, ArrayPool.leaseOf(array));
    }

    private TensorScope parent() {
        boolean found = false;
        for (TensorScope scope : OPEN.get()) { // iterates innermost first
            if (found) {
                return scope;
            }
            found = scope == this;
        }
        return null;
    }

    /** Number of arrays this scope will free on close (for tests and diagnostics). */
    public int ownedCount() {
        return owned.size() - kept.size();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("A TensorScope must be closed on the thread that opened it");
        }
        ArrayDeque<TensorScope> stack = OPEN.get();
        if (stack.peek() != this) {
            throw new IllegalStateException("TensorScopes must be closed innermost first");
        }
        stack.pop();
        closed = true;
        ArrayPool pool = ArrayPool.current();
        for (INDArray array : owned) {
            if (!kept.contains(array) && !pool.giveBack(array) && array.closeable()) {
                array.close();
            }
        }
        owned.clear();
        kept.clear();
    }
}
