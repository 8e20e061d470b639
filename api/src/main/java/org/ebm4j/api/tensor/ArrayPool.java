package org.ebm4j.api.tensor;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reuses the arrays of closed {@link TensorScope}s for the next step's results, per thread.
 *
 * <p>Allocating and freeing an ND4J array costs 12–16 µs whatever its size (a native data buffer, its shape
 * buffer and a deallocator), more than most elementwise operations on a batch cost to compute (3–12 µs at
 * 256 × 128 floats), and a training step makes dozens of them. Every step makes the same shapes, so the arrays a
 * closed scope gives back are exactly what the next step asks for.
 *
 * <p>Only arrays this pool made are reused, and only while a scope is open (outside one nothing would give them
 * back). Each handed-out array carries a {@link Lease}; closing its scope ends the lease, so a tensor used after
 * its scope closed still fails loudly (see {@link Tensor#array()}) instead of reading a reused array. Free arrays
 * are bounded in bytes ({@value #DEFAULT_MEGABYTES} MiB per thread unless the system property
 * {@value #LIMIT_PROPERTY} says otherwise, {@code 0} turns reuse off); beyond that they are freed.
 */
final class ArrayPool {

    static final String LIMIT_PROPERTY = "ebm4j.tensor.pool-megabytes";
    static final long DEFAULT_MEGABYTES = 256;

    private static final long LIMIT_BYTES = Math.max(0L, Long.getLong(LIMIT_PROPERTY, DEFAULT_MEGABYTES)) << 20;
    private static final ThreadLocal<ArrayPool> POOL = ThreadLocal.withInitial(ArrayPool::new);

    /** Whether an array this pool handed out may still be read: ends when the scope that owned it closes. */
    static final class Lease {
        private boolean live = true;

        boolean live() {
            return live;
        }
    }

    private final Map<Key, ArrayDeque<INDArray>> free = new HashMap<>();
    private final Map<INDArray, Lease> leased = new IdentityHashMap<>();
    private long freeBytes;

    private ArrayPool() {}

    static ArrayPool current() {
        return POOL.get();
    }

    /** An uninitialised C-order array: a reused one when the pool has it, else a new one. */
    static INDArray take(DataType type, long... shape) {
        if (LIMIT_BYTES == 0 || !TensorScope.isOpen()) {
            return Nd4j.createUninitialized(type, shape);
        }
        return current().lease(type, shape);
    }

    /** An uninitialised array of {@code like}'s type and shape. */
    static INDArray takeLike(INDArray like) {
        return take(like.dataType(), like.shape());
    }

    private INDArray lease(DataType type, long[] shape) {
        ArrayDeque<INDArray> queue = free.get(new Key(type, shape));
        INDArray array = queue == null ? null : queue.poll();
        if (array == null) {
            array = Nd4j.createUninitialized(type, shape);
        } else {
            freeBytes -= bytes(array);
        }
        leased.put(array, new Lease());
        return array;
    }

    /** The lease of an array this pool handed out and has not taken back, else {@code null}. */
    static Lease leaseOf(INDArray array) {
        return LIMIT_BYTES == 0 ? null : current().leased.get(array);
    }

    /**
     * Takes back an array whose scope closed: ends its lease and keeps it for reuse (or frees it when the pool is
     * full). Returns {@code false} for arrays this pool did not hand out, which the caller frees itself.
     */
    boolean giveBack(INDArray array) {
        Lease lease = leased.remove(array);
        if (lease == null) {
            return false;
        }
        lease.live = false;
        long size = bytes(array);
        if (freeBytes + size > LIMIT_BYTES) {
            array.close();
        } else {
            free.computeIfAbsent(new Key(array.dataType(), array.shape()), k -> new ArrayDeque<>()).push(array);
            freeBytes += size;
        }
        return true;
    }

    /** The array outlives every scope: the garbage collector owns it from now on, and its lease never ends. */
    void release(INDArray array) {
        leased.remove(array);
    }

    /** Whether this pool handed out {@code array} and has not taken it back. */
    boolean isLeased(INDArray array) {
        return leased.containsKey(array);
    }

    /** Bytes held in free arrays (for tests and diagnostics). */
    long freeBytes() {
        return freeBytes;
    }

    private static long bytes(INDArray array) {
        return array.length() * array.dataType().width();
    }

    private static final class Key {
        private final DataType type;
        private final long[] shape;
        private final int hash;

        Key(DataType type, long[] shape) {
            this.type = type;
            this.shape = shape;
            this.hash = 31 * type.hashCode() + Arrays.hashCode(shape);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.type == type && Arrays.equals(k.shape, shape);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
