package org.ebm4j.plugins.ssm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.ebm4j.api.model.EnergyModel;
import org.ebm4j.api.param.Init;
import org.ebm4j.api.param.Parameters;
import org.ebm4j.api.random.RandomSource;
import org.ebm4j.api.tensor.Autograd;
import org.ebm4j.api.tensor.Tensor;
import org.ebm4j.api.tensor.TensorScope;
import org.ebm4j.plugins.analytic.GaussianEnergy;
import org.ebm4j.plugins.analytic.GaussianProblem;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;

class SlicedScoreMatchingTest {

    private static final int D = 3;

    private static final Parameters P = Parameters.builder(DataType.DOUBLE)
            .add("w1", Init.XAVIER, D, 8).add("w2", Init.XAVIER, 8, 1).build(RandomSource.seeded(5));

    private static final EnergyModel MLP = new EnergyModel() {
        @Override
        public Tensor energy(Tensor x) {
            return x.matmul(P.get("w1")).softplus().matmul(P.get("w2")).reshape(x.rows());
        }

        @Override
        public int dimension() {
            return D;
        }

        @Override
        public Parameters parameters() {
            return P;
        }
    };

    /** J_exact = mean[½‖g‖² - tr H], written out here with the full Hessian diagonal. */
    private static double exactLoss(Tensor x) {
        Tensor leaf = x.requireGrad();
        Tensor g = Autograd.grad(MLP.energy(leaf).sum(), leaf, true);
        Tensor trace = null;
        for (int j = 0; j < D; j++) {
            Tensor diag = Autograd.grad(g.columns(j, j + 1).sum(), leaf, false).columns(j, j + 1);
            trace = trace == null ? diag : trace.add(diag);
        }
        return g.square().sum(1).mul(0.5).sub(trace.reshape(x.rows())).mean().item();
    }

    /**
     * E_v[vᵀAv] = tr A for Gaussian and Rademacher v: the mean SSM (and SSM-VR) loss over many projections equals
     * the exact score-matching loss. 200 independent estimates, each over 100 projections per row; the tolerance
     * is 5 standard errors of their mean, computed from their own spread.
     */
    @ParameterizedTest(name = "{0}, variance-reduced={1}")
    @CsvSource({"GAUSSIAN, false", "RADEMACHER, false", "GAUSSIAN, true", "RADEMACHER, true"})
    void isAnUnbiasedEstimateOfExactScoreMatching(SlicedScoreMatching.Projection projection, boolean vr) {
        Tensor x = RandomSource.seeded(9).normal(DataType.DOUBLE, 8, D);
        double exact = exactLoss(x);
        SlicedScoreMatching ssm = new SlicedScoreMatching(projection, 100, vr);
        RandomSource rng = RandomSource.seeded(10);
        int k = 200;
        double sum = 0;
        double sumSq = 0;
        for (int i = 0; i < k; i++) {
            try (TensorScope ignored = TensorScope.open()) {
                double v = ssm.loss(MLP, x, rng).item();
                sum += v;
                sumSq += v * v;
            }
        }
        double mean = sum / k;
        double se = Math.sqrt((sumSq / k - mean * mean) / (k - 1));
        assertThat(se).isPositive();
        assertThat(mean).isCloseTo(exact, within(5 * se));
    }

    /**
     * On samples of N(μ, Σ) the Gaussian energy fitted by SSM (and SSM-VR) recovers μ and Λ = Σ⁻¹ within four
     * sampling standard errors of n = 2000 samples (see {@link GaussianProblem}); the projections' own noise is
     * averaged out by the decaying rate.
     */
    @ParameterizedTest(name = "d={0}, {1}, variance-reduced={2}")
    @CsvSource({"2, GAUSSIAN, false", "2, RADEMACHER, true", "10, GAUSSIAN, false", "10, RADEMACHER, false", "10, GAUSSIAN, true"})
    void recoversTheMeanAndPrecisionOfGaussianData(int d, SlicedScoreMatching.Projection projection, boolean vr) {
        GaussianProblem problem = GaussianProblem.draw(d, 2000, 20 + d);
        GaussianEnergy fitted = problem.fit(new SlicedScoreMatching(projection, 1, vr), 1000, 0.05, 3);
        problem.assertRecovers(fitted, problem.precision(), 4);
    }
}
