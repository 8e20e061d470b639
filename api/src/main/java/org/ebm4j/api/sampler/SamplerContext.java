package org.ebm4j.api.sampler;

import java.util.OptionalDouble;
import org.ebm4j.api.random.RandomSource;

/**
 * What one call of a sampler gets besides the model and the chains: its random stream, and optionally a step size to
 * use instead of the configured one, with warm-up adaptation off. Callers that run a sampler in pieces (annealed
 * importance sampling, one step size per temperature; traced sampling, the same chains call after call) tune the step
 * once, read it from the diagnostics' {@code step-size}, and pass it back frozen. A sampler without a step size
 * ignores it.
 *
 * @param random   the stream this call draws from
 * @param stepSize the step size to use, if the caller fixes one
 * @param adapt    whether the sampler may adapt its step during warm-up (false: no warm-up steps at all)
 */
public record SamplerContext(RandomSource random, OptionalDouble stepSize, boolean adapt) {

    /** The configured step size, adapted during warm-up as the sampler's settings say. */
    public SamplerContext(RandomSource random) {
        this(random, OptionalDouble.empty(), true);
    }

    /** The same stream with step size {@code step}, frozen: no warm-up, no adaptation. */
    public SamplerContext frozenAt(double step) {
        if (!(step > 0) || Double.isInfinite(step)) {
            throw new IllegalArgumentException("a step size must be a finite number > 0, got " + step);
        }
        return new SamplerContext(random, OptionalDouble.of(step), false);
    }

    /** The step size to use: the caller's if it fixed one, else {@code configured}. */
    public double stepSize(double configured) {
        return stepSize.orElse(configured);
    }

    /** The warm-up steps to run: {@code configured}, or none when the caller froze the step. */
    public int warmup(int configured) {
        return adapt ? configured : 0;
    }
}
