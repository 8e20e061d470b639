package org.ebm4j.plugins.nce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.util.List;
import org.ebm4j.api.data.Batch;
import org.ebm4j.api.data.Dataset;
import org.ebm4j.api.noise.NoiseDistribution;
import org.ebm4j.api.objective.Loss;
import org.ebm4j.api.objective.Losses;
import org.ebm4j.api.objective.StepContext;
import org.ebm4j.api.random.RandomSource;
import org.ebm4j.api.tensor.Autograd;
import org.ebm4j.api.tensor.Tensor;
import org.ebm4j.plugins.analytic.GaussianEnergy;
import org.ebm4j.plugins.flow.FlowNoiseProvider;
import org.ebm4j.testkit.ContractSupport;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class NceLossTest {

    private static final INDArray DATA = Nd4j.createFromArray(new double[][] {{0.5, 1}, {-1, 0.2}, {2, -0.3}, {0, 0}});

    private static GaussianEnergy model() {
        return new GaussianEnergy(Nd4j.createFromArray(0.3, -0.2), Nd4j.createFromArray(new double[][] {{1.5, 0.2}, {0.2, 0.8}}),
                true, true, DataType.DOUBLE);
    }

    private static double softplus(double v) {
        return Math.max(v, 0) + Math.log1p(Math.exp(-Math.abs(v)));
    }

    @Test
    void lossIsTheLogisticLossOfDataAgainstNuNoiseDraws() {
        int ratio = 3;
        NoiseDistribution noise = NceKnownAnswersTest.gaussianNoise("mean = [0, 0.5], covariance = [[2, 0.3], [0.3, 1]]", 2);
        GaussianEnergy model = model();
        double c = 0.7;
        Losses losses;
        try (RandomSource random = RandomSource.seeded(3)) {
            NoiseContrastiveEstimation nce = new NoiseContrastiveEstimation(noise, ratio, c, false, 0, random);
            nce.prepare(new Dataset("d", DATA, DATA), random);
            losses = nce.losses(model, new Batch(Tensor.constant(DATA)), new StepContext(1, 10, RandomSource.seeded(11)));
        }
        // the same draws, by hand
        Tensor y = noise.sample(ratio * 4, RandomSource.seeded(11)).castTo(DataType.DOUBLE);
        double[] ey = model.energy(y).toDoubleArray();
        double[] ly = noise.logProb(y).toDoubleArray();
        double[] ex = model.energy(Tensor.constant(DATA)).toDoubleArray();
        double[] lx = noise.logProb(Tensor.constant(DATA)).toDoubleArray();
        double data = 0;
        for (int i = 0; i < 4; i++) {
            data += softplus(-(-ex[i] - c - lx[i] - Math.log(ratio))) / 4;
        }
        double noiseTerm = 0;
        for (int j = 0; j < ratio * 4; j++) {
            noiseTerm += softplus(-ey[j] - c - ly[j] - Math.log(ratio)) / (ratio * 4);
        }
        assertThat(losses.losses().get(0).value().item()).isCloseTo(data + ratio * noiseTerm, offset(1e-5));
        assertThat(losses.metrics()).containsKeys("accuracy/data", "accuracy/noise", "c", "noise/test-nll");
        assertThat(losses.metrics().get("c")).isCloseTo(c, offset(1e-6));
        assertThat(losses.losses().get(0).maximisers()).isEmpty();
    }

    @Test
    void fceGradientOfTheFlowThroughItsDrawsMatchesFiniteDifferences() {
        NoiseDistribution flow = ContractSupport.build(new FlowNoiseProvider(), "noise", "layers = 2, hidden = [8], fit.steps = 0", 2, 4);
        GaussianEnergy model = model();
        try (RandomSource random = RandomSource.seeded(5)) {
            NoiseContrastiveEstimation fce = new NoiseContrastiveEstimation(flow, 2, 0.1, true, 0, random);
            fce.prepare(new Dataset("d", DATA, DATA), random);
            INDArray flat = flow.parameters().flat();
            flat.assign(random.normal(flat.dataType(), 1, flat.length()).array().muli(0.3)); // away from the identity
            Loss loss = fce.losses(model, new Batch(Tensor.constant(DATA)), new StepContext(1, 10, RandomSource.seeded(12))).losses().get(0);
            assertThat(loss.maximisers()).containsExactly(flow.parameters());
            assertThat(fce.parameterGroups()).containsKeys("objective", "flow");
            List<Tensor> grads = Autograd.grad(loss.value(), flow.parameters().tensors(), false);
            INDArray analytic = Nd4j.zeros(flat.dataType(), 1, flat.length());
            flow.parameters().flattenInto(grads, analytic);
            double h = 1e-2; // the flow is float32: a wide step, and a tolerance to match
            for (int trial = 0; trial < 12; trial++) {
                int i = random.nextInt((int) flat.length());
                double old = flat.getDouble(0, i);
                flat.putScalar(0, i, old + h);
                double plus = fce.losses(model, new Batch(Tensor.constant(DATA)), new StepContext(1, 10, RandomSource.seeded(12))).losses().get(0).value().item();
                flat.putScalar(0, i, old - h);
                double minus = fce.losses(model, new Batch(Tensor.constant(DATA)), new StepContext(1, 10, RandomSource.seeded(12))).losses().get(0).value().item();
                flat.putScalar(0, i, old);
                double numeric = (plus - minus) / (2 * h);
                assertThat(analytic.getDouble(0, i)).as("flow parameter %d", i).isCloseTo(numeric, offset(2e-3 + 0.02 * Math.abs(numeric)));
            }
        }
    }
}
