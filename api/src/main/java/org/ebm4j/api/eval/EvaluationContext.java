package org.ebm4j.api.eval;

import java.nio.file.Path;
import java.util.Optional;
import org.ebm4j.api.data.Dataset;
import org.ebm4j.api.model.EnergyModel;
import org.ebm4j.api.random.RandomSource;
import org.ebm4j.api.sampler.Sampler;

/**
 * What an evaluator sees: the model, the data, the step, where to write pictures, the run's sampler if it has
 * one, and a random stream.
 */
public record EvaluationContext(EnergyModel model, Dataset data, long step, boolean isFinal, Path outputDirectory,
                                Optional<Sampler> sampler, RandomSource random) {}
