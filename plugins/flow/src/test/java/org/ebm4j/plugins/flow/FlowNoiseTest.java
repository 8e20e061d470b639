package org.ebm4j.plugins.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import java.util.List;
import org.ebm4j.api.ConfigException;
import org.ebm4j.api.data.Dataset;
import org.ebm4j.api.noise.NoiseDistribution;
import org.ebm4j.api.random.RandomSource;
import org.ebm4j.api.tensor.Autograd;
import org.ebm4j.api.tensor.Tensor;
import org.ebm4j.testkit.ContractSupport;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class FlowNoiseTest {

    /** A flow with every parameter random (not the identity it starts as), in double precision. */
    private static RealNvp randomFlow(int d, long seed) {
        return randomFlow(d, seed, 0.4);
    }

    private static RealNvp randomFlow(int d, long seed, double spread) {
        try (RandomSource random = RandomSource.seeded(seed)) {
            RealNvp flow = new RealNvp(d, 4, List.of(16, 16), 1.5, DataType.DOUBLE, random);
            INDArray flat = flow.parameters().flat();
            flat.assign(random.normal(DataType.DOUBLE, 1, flat.length()).array().muli(spread));
            return flow;
        }
    }

    @Test
    void logDeterminantMatchesAFiniteDifferenceJacobian() {
        for (int d : new int[] {2, 3, 5}) {
            RealNvp flow = randomFlow(d, d);
            try (RandomSource random = RandomSource.seeded(100 + d)) {
                INDArray x = random.normal(DataType.DOUBLE, 4, d).array();
                double[] logDet = flow.forward(Tensor.constant(x))[1].toDoubleArray();
                double h = 1e-6;
                for (int row = 0; row < 4; row++) {
                    INDArray jacobian = Nd4j.zeros(DataType.DOUBLE, d, d);
                    for (int j = 0; j < d; j++) {
                        INDArray plus = x.getRow(row).dup().reshape(1, d);
                        INDArray minus = plus.dup();
                        plus.putScalar(0, j, plus.getDouble(0, j) + h);
                        minus.putScalar(0, j, minus.getDouble(0, j) - h);
                        INDArray column = flow.forward(Tensor.constant(plus))[0].array().sub(flow.forward(Tensor.constant(minus))[0].array()).divi(2 * h);
                        jacobian.putColumn(j, column.reshape(d));
                    }
                    double det = new org.nd4j.linalg.api.ndarray.INDArray[] {jacobian}[0].isSquare()
                            ? determinant(jacobian) : Double.NaN;
                    assertThat(logDet[row]).as("d=%d row %d", d, row).isCloseTo(Math.log(Math.abs(det)), offset(1e-6));
                }
                // and the inverse undoes the forward map, with the same log-density
                Tensor[] back = flow.inverse(flow.forward(Tensor.constant(x))[0]);
                assertThat(back[0].array().sub(x).amaxNumber().doubleValue()).isLessThan(1e-10);
                assertThat(back[1].toDoubleArray()).containsExactly(flow.logProb(Tensor.constant(x)).toDoubleArray(), offset(1e-9));
            }
        }
    }

    /** Determinant by LU with partial pivoting (small matrices). */
    private static double determinant(INDArray m) {
        int n = m.rows();
        double[][] a = m.toDoubleMatrix();
        double det = 1;
        for (int c = 0; c < n; c++) {
            int p = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[p][c])) {
                    p = r;
                }
            }
            if (p != c) {
                double[] t = a[p];
                a[p] = a[c];
                a[c] = t;
                det = -det;
            }
            det *= a[c][c];
            for (int r = c + 1; r < n; r++) {
                double f = a[r][c] / a[c][c];
                for (int k = c; k < n; k++) {
                    a[r][k] -= f * a[c][k];
                }
            }
        }
        return det;
    }

    @Test
    void densityIntegratesToOneOnAGrid() {
        RealNvp flow = randomFlow(2, 9, 0.2);
        int res = 600;
        double lo = -12;
        double hi = 12;
        try (RandomSource random = RandomSource.seeded(10)) {
            INDArray draws = flow.inverse(random.normal(DataType.DOUBLE, 20000, 2))[0].array();
            double inside = draws.gt(lo).castTo(DataType.DOUBLE).mul(draws.lt(hi).castTo(DataType.DOUBLE)).prod(1).meanNumber().doubleValue();
            assertThat(inside).as("the grid holds the flow's mass (a precondition, not the test)").isGreaterThan(0.999);
        }
        double h = (hi - lo) / res;
        double[][] points = new double[res * res][2];
        for (int i = 0; i < res; i++) {
            for (int j = 0; j < res; j++) {
                points[i * res + j][0] = lo + (i + 0.5) * h;
                points[i * res + j][1] = lo + (j + 0.5) * h;
            }
        }
        double[] logq = flow.logProb(Tensor.constant(Nd4j.createFromArray(points))).toDoubleArray();
        double integral = 0;
        for (double l : logq) {
            integral += Math.exp(l) * h * h;
        }
        assertThat(integral).isCloseTo(1.0, offset(0.01));
    }

    @Test
    void parameterGradientsAgreeWithFiniteDifferences() {
        RealNvp flow = randomFlow(3, 4);
        try (RandomSource random = RandomSource.seeded(8)) {
            Tensor x = random.normal(DataType.DOUBLE, 5, 3);
            Tensor z = random.normal(DataType.DOUBLE, 5, 3);
            INDArray flat = flow.parameters().flat();
            // both directions: the density (maximum likelihood) and the reparameterised draws (FCE's flow update)
            Tensor objective = flow.logProb(x).mean().add(flow.inverse(z)[0].square().sum().mul(0.1)).add(flow.inverse(z)[1].mean());
            List<Tensor> grads = Autograd.grad(objective, flow.parameters().tensors(), false);
            INDArray analytic = Nd4j.zeros(DataType.DOUBLE, 1, flat.length());
            flow.parameters().flattenInto(grads, analytic);
            double h = 1e-6;
            for (int trial = 0; trial < 25; trial++) {
                int i = random.nextInt((int) flat.length());
                double old = flat.getDouble(0, i);
                flat.putScalar(0, i, old + h);
                double plus = flow.logProb(x).mean().add(flow.inverse(z)[0].square().sum().mul(0.1)).add(flow.inverse(z)[1].mean()).item();
                flat.putScalar(0, i, old - h);
                double minus = flow.logProb(x).mean().add(flow.inverse(z)[0].square().sum().mul(0.1)).add(flow.inverse(z)[1].mean()).item();
                flat.putScalar(0, i, old);
                double numeric = (plus - minus) / (2 * h);
                assertThat(analytic.getDouble(0, i)).as("parameter %d", i).isCloseTo(numeric, offset(1e-6 * Math.max(1, Math.abs(numeric))));
            }
        }
    }

    private static FlowNoise provided(String settings, int d, long seed) {
        return (FlowNoise) ContractSupport.build(new FlowNoiseProvider(), "noise", settings, d, seed);
    }

    @Test
    void fittedToAGaussianItsTestNllComesWithinTwoHundredthsOfTheTruth() {
        // N(μ, Σ) with a strong correlation, which the flow's first stage (a diagonal standardisation) cannot express
        INDArray mu = Nd4j.createFromArray(new double[][] {{1, -2}});
        INDArray lower = Nd4j.createFromArray(new double[][] {{1.5, 0}, {1.2, 0.5}});   // Σ = L Lᵀ
        INDArray sigma = lower.mmul(lower.transpose());
        double logDet = Math.log(sigma.getDouble(0, 0) * sigma.getDouble(1, 1) - sigma.getDouble(0, 1) * sigma.getDouble(1, 0));
        double entropy = 0.5 * (2 * (1 + Math.log(2 * Math.PI)) + logDet);
        try (RandomSource random = RandomSource.seeded(21)) {
            INDArray train = random.normal(DataType.DOUBLE, 5000, 2).array().mmul(lower.transpose()).addiRowVector(mu);
            INDArray test = random.normal(DataType.DOUBLE, 20000, 2).array().mmul(lower.transpose()).addiRowVector(mu);
            Dataset data = new Dataset("gaussian", train.castTo(DataType.FLOAT), test.castTo(DataType.FLOAT));
            FlowNoise flow = provided("layers = 4, hidden = [32, 32], fit { steps = 1500, eval-every = 250, patience = 3 }", 2, 1);
            flow.fit(data, random);
            // the true density's NLL on the same test points: paired, so sampling noise cancels
            INDArray whitened = test.subRowVector(mu).mmul(org.nd4j.linalg.inverse.InvertMatrix.invert(lower, false).transpose());
            double trueNll = whitened.mul(whitened).sum(1).muli(0.5).meanNumber().doubleValue() + Math.log(2 * Math.PI) + 0.5 * logDet;
            double flowNll = flow.metrics().get("test-nll");
            assertThat(trueNll).as("the test set's own NLL is the entropy within 5 s.e.").isCloseTo(entropy, offset(5 * Math.sqrt(0.5 * 2 / 20000.0)));
            assertThat(flowNll).as("flow test NLL vs the true density's").isCloseTo(trueNll, offset(0.02));
            assertThat(flow.metrics()).containsKeys("validation-nll", "fit-steps", "fit-best-step");
            // draws have the data's moments
            INDArray draws = flow.sample(20000, random).array().castTo(DataType.DOUBLE);
            assertThat(draws.getColumn(0).meanNumber().doubleValue()).isCloseTo(1, offset(5 * 1.5 / Math.sqrt(20000) + 0.03));
            double corr = org.nd4j.linalg.ops.transforms.Transforms.cosineSim(draws.getColumn(0).sub(draws.getColumn(0).meanNumber()),
                    draws.getColumn(1).sub(draws.getColumn(1).meanNumber()));
            assertThat(corr).isCloseTo(1.2 * 1.5 / Math.sqrt(2.25 * (1.44 + 0.25)), offset(0.02));
        }
    }

    @Test
    void badSettingsAreNamed() {
        assertThatThrownBy(() -> provided("fit.validation-fraction = 1.5", 2, 0)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("fit.validation-fraction");
        assertThatThrownBy(() -> provided("", 1, 0)).isInstanceOf(ConfigException.class).hasMessageContaining("dimension 2 or more");
        assertThat(provided("", 2, 0)).isInstanceOf(NoiseDistribution.class);
    }
}
