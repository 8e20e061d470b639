package org.ebm4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.ebm4j.api.model.EnergyModel;
import org.ebm4j.api.random.RandomSource;
import org.ebm4j.api.sampler.SampleResult;
import org.ebm4j.api.sampler.Sampler;
import org.ebm4j.api.sampler.SamplerContext;
import org.ebm4j.api.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The contract of a sampler: started over-dispersed, {@link #chains()} independent chains on the Gaussian target
 * {@code N(μ, Σ)} with μ = (1, −0.5) and Σ = [[1, 0.5], [0.5, 2]] end with its mean and variances within five
 * Monte-Carlo standard errors (independent chains: the effective sample size is the number of chains), plus the
 * sampler's own known bias where it has one ({@link #varianceBias()}); the diagnostics are finite.
 */
public abstract class SamplerContract extends ComponentContract<Sampler> {

    private static final double[] MEAN = {1, -0.5};
    private static final double[][] COVARIANCE = {{1, 0.5}, {0.5, 2}};
    private static final double[][] PRECISION = {{2 / 1.75, -0.5 / 1.75}, {-0.5 / 1.75, 1 / 1.75}};

    @Override
    protected final String kind() {
        return "sampler";
    }

    /** Chains in the moment check. */
    protected int chains() {
        return 2000;
    }

    /** A relative bias of the variances the sampler is known to have at its test settings (ULA's step), else 0. */
    protected double varianceBias() {
        return 0;
    }

    private SampleResult run(Sampler sampler, int chains, long seed) {
        try (RandomSource random = RandomSource.seeded(seed)) {
            Tensor init = random.normal(DataType.DOUBLE, chains, 2).mul(2.0);   // over-dispersed start
            return sampler.sample(ContractSupport.gaussianTarget(MEAN, PRECISION), init, new SamplerContext(random));
        }
    }

    @Override
    protected double[] fingerprint(Sampler sampler, long seed) {
        return run(sampler, 16, seed).samples().array().castTo(DataType.DOUBLE).reshape(32).toDoubleVector();
    }

    @Test
    void theGaussianTargetsMomentsComeOutWithinMonteCarloError() {
        int n = chains();
        SampleResult result = run(create(1), n, 2);
        INDArray x = result.samples().array().castTo(DataType.DOUBLE);
        EbmAssertions.assertThat(x).hasShape(n, 2).isFinite();
        for (int j = 0; j < 2; j++) {
            double var = COVARIANCE[j][j];
            assertThat(x.getColumn(j).meanNumber().doubleValue()).as("mean of x%d", j + 1).isCloseTo(MEAN[j], within(5 * Math.sqrt(var / n)));
            assertThat(x.getColumn(j).varNumber().doubleValue()).as("variance of x%d", j + 1)
                    .isCloseTo(var * (1 + varianceBias()), within(5 * var * Math.sqrt(2.0 / n)));
        }
        result.diagnostics().forEach((k, v) -> assertThat(v).as("diagnostic '%s'", k).isFinite());
    }

    @Test
    void noGradientReachesTheModelsParameters() {
        EnergyModel model = ContractSupport.tinyEnergy(2, 3);
        try (RandomSource random = RandomSource.seeded(4)) {
            Tensor samples = create(1).sample(model, random.normal(DataType.DOUBLE, 8, 2), new SamplerContext(random)).samples();
            assertThat(samples.requiresGrad()).as("samples carry no graph").isFalse();
        }
    }
}
