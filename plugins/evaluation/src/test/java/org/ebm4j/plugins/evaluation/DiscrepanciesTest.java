package org.ebm4j.plugins.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ebm4j.api.data.Dataset;
import org.ebm4j.api.eval.Evaluation;
import org.ebm4j.api.eval.EvaluationContext;
import org.ebm4j.api.eval.Evaluator;
import org.ebm4j.api.model.EnergyModel;
import org.ebm4j.api.noise.NoiseDistribution;
import org.ebm4j.api.random.RandomSource;
import org.ebm4j.api.sampler.SampleResult;
import org.ebm4j.api.sampler.Sampler;
import org.ebm4j.api.tensor.GradMode;
import org.ebm4j.api.tensor.Tensor;
import org.ebm4j.plugins.analytic.GaussianEnergy;
import org.ebm4j.plugins.noise.GaussianNoiseProvider;
import org.ebm4j.testkit.ContractSupport;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * MMD², KSD and the Fisher divergence against known answers: exact draws against more exact draws give values within
 * their standard errors of 0 and p-values that are not small; a mean shift is detected; the Fisher divergence between
 * two Gaussians is its closed form.
 */
class DiscrepanciesTest {

    private static final int D = 10;

    private static GaussianEnergy standard(double shift) {
        INDArray mean = Nd4j.zeros(DataType.DOUBLE, 1, D).addi(shift);
        return new GaussianEnergy(mean, Nd4j.eye(D).castTo(DataType.DOUBLE), false, false, DataType.DOUBLE);
    }

    /** Train and test rows: n exact draws each of N(shift·1, I) in d = 10. */
    private static Dataset draws(double shift, int n, long seed) {
        try (RandomSource random = RandomSource.seeded(seed)) {
            return new Dataset("gaussian", random.normal(DataType.DOUBLE, n, D).array().addi(shift).dup(),
                    random.normal(DataType.DOUBLE, n, D).array().addi(shift).dup(), Optional.of(standard(shift)));
        }
    }

    /** A "sampler" that returns exact draws of N(shift·1, I): MMD then measures nothing but the statistic's noise. */
    private static Sampler exact(double shift) {
        return (model, init, context) -> new SampleResult(context.random().normal(DataType.DOUBLE, init.rows(), D).add(shift), Map.of());
    }

    private static Evaluation evaluate(Evaluator evaluator, EnergyModel model, Dataset data, long seed) {
        try (GradMode.Scope off = GradMode.off(); RandomSource random = RandomSource.seeded(seed)) {
            return evaluator.evaluate(new EvaluationContext(model, data, 0, true, java.nio.file.Path.of("."), Optional.empty(), random));
        }
    }

    private static Mmd mmd(double modelShift, int samples) {
        NoiseDistribution init = ContractSupport.build(new GaussianNoiseProvider(), "noise", "", D, 1);
        return new Mmd(new Mmd.Settings(samples, List.of("median", "1.0"), 100), exact(modelShift), init);
    }

    @Test
    void mmdOfExactDrawsIsZeroWithinItsErrorAndTheFloorIsOfTheSameSize() {
        Evaluation e = evaluate(mmd(0, 1000), standard(0), draws(0, 1000, 1), 2);
        double value = e.metrics().get("mmd2/h=median");
        assertThat(value).isCloseTo(0, within(4 * e.metrics().get("mmd2-floor-se/h=median") + 1e-4));
        assertThat(e.metrics().get("mmd2-floor/h=median")).isCloseTo(0, within(4 * e.metrics().get("mmd2-floor-se/h=median") + 1e-4));
        assertThat(e.metrics().get("p-value/h=median")).isGreaterThan(0.01);
        assertThat(e.metrics().get("bandwidth/median")).isCloseTo(Math.sqrt(2 * D), within(0.5));
    }

    @Test
    void mmdDetectsAMeanShift() {
        Evaluation e = evaluate(mmd(0.3, 1000), standard(0.3), draws(0, 1000, 3), 4);
        assertThat(e.metrics().get("mmd2/h=median")).isGreaterThan(e.metrics().get("mmd2-floor/h=median")
                + 3 * e.metrics().get("mmd2-se/h=median"));
        assertThat(e.metrics().get("p-value/h=median")).isLessThan(0.02);
    }

    @Test
    void ksdIsZeroWithinItsErrorForTheTrueModelAndDetectsAShift() {
        Ksd ksd = new Ksd(new Ksd.Settings(1000, 1.0, -0.5, 200));
        Evaluation right = evaluate(ksd, standard(0), draws(0, 1000, 5), 6);
        assertThat(right.metrics().get("ksd2")).isCloseTo(0, within(4 * right.metrics().get("ksd2-se") + 1e-3));
        assertThat(right.metrics().get("p-value")).isGreaterThan(0.01);
        Evaluation shifted = evaluate(ksd, standard(0), draws(0.2, 1000, 7), 8);
        assertThat(shifted.metrics().get("p-value")).isLessThan(0.02);
        assertThat(shifted.metrics().get("ksd2")).isGreaterThan(right.metrics().get("ksd2") + 3 * shifted.metrics().get("ksd2-se"));
    }

    /** The Stein kernel's U-statistic equals the sum written out pair by pair. */
    @Test
    void theSteinKernelMatchesItsDefinition() {
        Ksd ksd = new Ksd(new Ksd.Settings(5, 1.3, -0.5, 0));
        try (RandomSource random = RandomSource.seeded(9)) {
            INDArray x = random.normal(DataType.DOUBLE, 5, 3).array().dup();
            INDArray s = random.normal(DataType.DOUBLE, 5, 3).array().dup();
            INDArray u = ksd.steinKernel(x, s);
            double c2 = 1.69;
            double beta = -0.5;
            for (int i = 0; i < 5; i++) {
                for (int j = 0; j < 5; j++) {
                    double[] r = x.getRow(i).sub(x.getRow(j)).toDoubleVector();
                    double r2 = r[0] * r[0] + r[1] * r[1] + r[2] * r[2];
                    double q = c2 + r2;
                    double[] si = s.getRow(i).toDoubleVector();
                    double[] sj = s.getRow(j).toDoubleVector();
                    double expected = (si[0] * sj[0] + si[1] * sj[1] + si[2] * sj[2]) * Math.pow(q, beta);
                    for (int l = 0; l < 3; l++) {
                        expected += si[l] * (-2 * beta * Math.pow(q, beta - 1) * r[l]);  // s_iᵀ ∇_{x_j} k
                        expected += sj[l] * (2 * beta * Math.pow(q, beta - 1) * r[l]);   // s_jᵀ ∇_{x_i} k
                    }
                    expected += -4 * beta * (beta - 1) * Math.pow(q, beta - 2) * r2 - 2 * beta * 3 * Math.pow(q, beta - 1);
                    assertThat(u.getDouble(i, j)).as("u(%d, %d)", i, j).isCloseTo(expected, within(1e-10));
                }
            }
        }
    }

    /** Model N(μ₁, Λ₁⁻¹) against data N(μ₂, Λ₂⁻¹): ½ [tr((Λ₂−Λ₁) Σ₂ (Λ₂−Λ₁)) + ‖Λ₁(μ₁−μ₂)‖²]. */
    @Test
    void theFisherDivergenceBetweenTwoGaussiansIsItsClosedForm() {
        int d = 3;
        INDArray lambda1 = Nd4j.createFromArray(new double[][] {{2, 0.3, 0}, {0.3, 1, 0.1}, {0, 0.1, 0.5}});
        double[] mu1 = {0.5, -0.2, 0.1};
        GaussianEnergy model = new GaussianEnergy(Nd4j.createFromArray(mu1).reshape(1, d), lambda1, false, false, DataType.DOUBLE);
        // data: N(0, I), so Σ₂ = Λ₂ = I
        Dataset data;
        try (RandomSource random = RandomSource.seeded(10)) {
            GaussianEnergy truth = new GaussianEnergy(Nd4j.zeros(DataType.DOUBLE, 1, d), Nd4j.eye(d).castTo(DataType.DOUBLE), false, false, DataType.DOUBLE);
            data = new Dataset("normal", random.normal(DataType.DOUBLE, 10, d).array().dup(),
                    random.normal(DataType.DOUBLE, 200_000, d).array().dup(), Optional.of(truth));
        }
        INDArray diff = Nd4j.eye(d).castTo(DataType.DOUBLE).sub(lambda1);
        double trace = Nd4j.diag(diff.mmul(diff)).sumNumber().doubleValue();
        INDArray shift = lambda1.mmul(Nd4j.createFromArray(mu1).reshape(d, 1));
        double expected = 0.5 * (trace + shift.mul(shift).sumNumber().doubleValue());
        Evaluation e = evaluate(new FisherDivergence(4096), model, data, 11);
        assertThat(e.metrics().get("fisher-divergence")).isCloseTo(expected, within(4 * e.metrics().get("fisher-divergence-se")));
        assertThat(e.metrics().get("fisher-divergence-se")).isLessThan(0.01 * expected);
    }
}
