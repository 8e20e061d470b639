package org.ebm4j.api.sampler;

import org.ebm4j.api.random.RandomSource;

/** The sampler's random stream for this call. */
public record SamplerContext(RandomSource random) {}
