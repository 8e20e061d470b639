package org.ebm4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.ebm4j.api.data.Dataset;
import org.ebm4j.api.noise.NoiseDistribution;
import org.ebm4j.api.random.RandomSource;
import org.ebm4j.api.tensor.GradMode;
import org.ebm4j.api.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The contract of a noise distribution, fitted to the standard 2-D data: its density integrates to 1 on a grid
 * (within 1 %), its draws have the mean the density has on that grid (within five standard errors) and a finite
 * log-density, {@code sampleWithLogProb} agrees with {@code logProb}, and {@code state()} restores it (whatever
 * fit() computed, parameters included: a checkpoint of fixed noise holds only this).
 */
public abstract class NoiseDistributionContract extends ComponentContract<NoiseDistribution> {

    private static final double LO = -9;
    private static final double HI = 9;
    private static final int RES = 360;

    @Override
    protected final String kind() {
        return "noise";
    }

    private NoiseDistribution fitted(long seed) {
        NoiseDistribution noise = create(seed);
        noise.fit(ContractSupport.standardData(2, 1), RandomSource.seeded(seed));
        return noise;
    }

    @Override
    protected double[] fingerprint(NoiseDistribution noise, long seed) {
        noise.fit(ContractSupport.standardData(2, 1), RandomSource.seeded(seed));
        try (GradMode.Scope off = GradMode.off(); RandomSource random = RandomSource.seeded(seed)) {
            Tensor x = noise.sample(8, random);
            return Nd4j.concat(0, x.array().castTo(DataType.DOUBLE).reshape(16), noise.logProb(x).array().castTo(DataType.DOUBLE).reshape(8)).toDoubleVector();
        }
    }

    private static INDArray grid() {
        double h = (HI - LO) / RES;
        double[][] points = new double[RES * RES][2];
        for (int i = 0; i < RES; i++) {
            for (int j = 0; j < RES; j++) {
                points[i * RES + j][0] = LO + (i + 0.5) * h;
                points[i * RES + j][1] = LO + (j + 0.5) * h;
            }
        }
        return Nd4j.createFromArray(points).castTo(DataType.FLOAT);
    }

    @Test
    void densityIntegratesToOneAndDrawsHaveItsMean() {
        NoiseDistribution noise = fitted(2);
        INDArray grid = grid();
        double h = (HI - LO) / RES;
        double[] logp;
        try (GradMode.Scope off = GradMode.off()) {
            logp = noise.logProb(Tensor.constant(grid)).array().castTo(DataType.DOUBLE).toDoubleVector();
        }
        double mass = 0;
        double[] mean = new double[2];
        for (int k = 0; k < logp.length; k++) {
            double w = Math.exp(logp[k]) * h * h;
            mass += w;
            mean[0] += w * grid.getDouble(k, 0);
            mean[1] += w * grid.getDouble(k, 1);
        }
        assertThat(mass).as("∫ p on [%s, %s]²", LO, HI).isCloseTo(1.0, within(0.01));
        int n = 4000;
        try (GradMode.Scope off = GradMode.off(); RandomSource random = RandomSource.seeded(3)) {
            Tensor draws = noise.sample(n, random);
            EbmAssertions.assertThat(draws).hasShape(n, 2).isFinite();
            EbmAssertions.assertThat(noise.logProb(draws)).as("log-density of the draws").isFinite();
            INDArray x = draws.array().castTo(DataType.DOUBLE);
            for (int j = 0; j < 2; j++) {
                double sd = Math.sqrt(x.getColumn(j).varNumber().doubleValue());
                assertThat(x.getColumn(j).meanNumber().doubleValue()).as("mean of x%d", j + 1).isCloseTo(mean[j] / mass, within(5 * sd / Math.sqrt(n)));
            }
            NoiseDistribution.Draws d = noise.sampleWithLogProb(16, random);
            EbmAssertions.assertThat(d.logProb()).isCloseTo(noise.logProb(d.x()), 1e-4, 1e-4);
        }
    }

    @Test
    void stateRestoresTheFittedDistribution() {
        NoiseDistribution fitted = fitted(4);
        Map<String, INDArray> state = fitted.state();
        NoiseDistribution fresh = create(4);
        fresh.restore(state);   // everything fit() computed, a flow's parameters included
        try (GradMode.Scope off = GradMode.off(); RandomSource random = RandomSource.seeded(5)) {
            Tensor x = fitted.sample(32, random);
            EbmAssertions.assertThat(fresh.logProb(x)).isCloseTo(fitted.logProb(x), 1e-6, 1e-6);
        }
    }
}
