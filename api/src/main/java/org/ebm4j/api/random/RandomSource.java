package org.ebm4j.api.random;

import java.nio.charset.StandardCharsets;
import org.ebm4j.api.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.BernoulliDistribution;
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;
import org.nd4j.linalg.api.ops.random.impl.UniformDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A seeded stream of random numbers that belongs to a run (or to one component of it), not to a thread.
 *
 * <p>ND4J's default generator ({@code Nd4j.getRandom()}) is thread-local and shared by everything on the thread,
 * so two components drawing from it shift each other's numbers. A {@code RandomSource} owns its own native
 * generator. A run derives one independent stream per component with {@link #split(String)}, so adding a
 * component never changes what the others draw; the same seed gives the same numbers.
 *
 * <p>The position of the stream is a {@link State} that checkpoints save and {@link #restore(State)} resumes.
 * Not thread-safe: give each thread its own stream.
 */
public final class RandomSource implements AutoCloseable {

    /** Everything needed to continue a stream exactly where it was. */
    public record State(long seed, long rootState, long nodeState) {}

    private final long seed;
    private final Random rng;

    private RandomSource(long seed) {
        this.seed = seed;
        this.rng = Nd4j.getRandomFactory().getNewRandomInstance(seed);
    }

    /** A stream that starts from {@code seed}. */
    public static RandomSource seeded(long seed) {
        return new RandomSource(seed);
    }

    /** The seed this stream started from. */
    public long seed() {
        return seed;
    }

    /**
     * An independent stream named {@code name}, derived from this stream's seed (not its position): the same
     * parent seed and name always give the same child stream, however much the parent has drawn.
     */
    public RandomSource split(String name) {
        long h = seed;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h = mix(h ^ b);
        }
        return new RandomSource(mix(h + 0x9E3779B97F4A7C15L));
    }

    /** SplitMix64's finaliser: a bijective mix of 64 bits. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A constant tensor of standard normal draws. */
    public Tensor normal(DataType type, long... shape) {
        Tensor draws = Tensor.uninitialized(type, shape);
        fillNormal(draws.array(), 0.0, 1.0);
        return draws;
    }

    /** A constant tensor of draws uniform on {@code [low, high)}. */
    public Tensor uniform(double low, double high, DataType type, long... shape) {
        Tensor draws = Tensor.uninitialized(type, shape);
        fillUniform(draws.array(), low, high);
        return draws;
    }

    /** A constant tensor of independent ±1 with probability ½ each (Rademacher). */
    public Tensor rademacher(DataType type, long... shape) {
        Tensor draws = Tensor.uninitialized(type, shape);
        Nd4j.getExecutioner().exec(new BernoulliDistribution(draws.array(), 0.5), rng);
        draws.array().muli(2.0).subi(1.0);
        return draws;
    }

    /** Fills {@code target} in place with draws from {@code N(mean, std²)}; returns it. */
    public INDArray fillNormal(INDArray target, double mean, double std) {
        Nd4j.getExecutioner().exec(new GaussianDistribution(target, mean, std), rng);
        return target;
    }

    /** Fills {@code target} in place with draws uniform on {@code [low, high)}; returns it. */
    public INDArray fillUniform(INDArray target, double low, double high) {
        Nd4j.getExecutioner().exec(new UniformDistribution(target, low, high), rng);
        return target;
    }

    /** A uniform integer in {@code [0, bound)}. */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive, got " + bound);
        }
        return rng.nextInt(bound);
    }

    /** A uniform double in {@code [0, 1)}. */
    public double nextDouble() {
        return rng.nextDouble();
    }

    /** 64 random bits, e.g. a seed for a library that wants one. */
    public long nextLong() {
        return rng.nextLong();
    }

    /** {@code count} indices drawn uniformly with replacement from {@code [0, bound)}. */
    public int[] indices(int count, int bound) {
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            out[i] = nextInt(bound);
        }
        return out;
    }

    /** A uniformly random permutation of {@code 0 .. n-1} (Fisher-Yates). */
    public int[] permutation(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** Where the stream is now. */
    public State state() {
        return new State(seed, rng.rootState(), rng.nodeState());
    }

    /** Continues from {@code state}, which must come from a stream with the same seed. */
    public void restore(State state) {
        if (state.seed() != seed) {
            throw new IllegalArgumentException("State of the stream seeded " + state.seed()
                    + " cannot be restored into the stream seeded " + seed);
        }
        rng.setStates(state.rootState(), state.nodeState());
    }

    /** Frees the native generator. */
    @Override
    public void close() {
        try {
            rng.close();
        } catch (Exception e) {
            throw new IllegalStateException("Could not free the native random generator", e);
        }
    }
}
