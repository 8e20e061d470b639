package org.ebm4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.ebm4j.api.data.Batch;
import org.ebm4j.api.data.Dataset;
import org.ebm4j.api.model.EnergyModel;
import org.ebm4j.api.objective.Loss;
import org.ebm4j.api.objective.Losses;
import org.ebm4j.api.objective.Objective;
import org.ebm4j.api.param.Parameters;
import org.ebm4j.api.random.RandomSource;
import org.ebm4j.api.tensor.Autograd;
import org.ebm4j.api.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The contract of an objective: on the standard batch with a small double-precision energy its losses are finite
 * scalars, and the gradient of each loss for the model's parameters agrees with central finite differences when the
 * objective's randomness is held fixed (the same stream for every evaluation).
 */
public abstract class ObjectiveContract extends ComponentContract<Objective> {

    @Override
    protected final String kind() {
        return "objective";
    }

    /** Relative tolerance of the finite-difference check (the model is float64). */
    protected double gradientTolerance() {
        return 1e-5;
    }

    private static Batch batch(Dataset data) {
        return new Batch(Tensor.constant(data.train().castTo(DataType.DOUBLE).getRows(java.util.stream.IntStream.range(0, 64).toArray())));
    }

    private Losses losses(Objective objective, EnergyModel model, Batch batch, long seed) {
        return objective.losses(model, batch, new org.ebm4j.api.objective.StepContext(3, 100, RandomSource.seeded(seed)));
    }

    private Objective prepared(long seed, Dataset data) {
        Objective o = create(seed);
        o.prepare(new Dataset(data.name(), data.train().castTo(DataType.DOUBLE), data.test().castTo(DataType.DOUBLE)), RandomSource.seeded(seed + 1));
        return o;
    }

    @Override
    protected double[] fingerprint(Objective objective, long seed) {
        Dataset data = ContractSupport.standardData(dimension(), 1);
        objective.prepare(new Dataset(data.name(), data.train().castTo(DataType.DOUBLE), data.test().castTo(DataType.DOUBLE)), RandomSource.seeded(seed));
        Losses l = losses(objective, ContractSupport.tinyEnergy(dimension(), 2), batch(data), seed);
        return l.losses().stream().mapToDouble(loss -> loss.value().item()).toArray();
    }

    @Test
    void lossesAreFiniteScalarsWithFiniteGradients() {
        Dataset data = ContractSupport.standardData(dimension(), 1);
        EnergyModel model = ContractSupport.tinyEnergy(dimension(), 2);
        Losses l = losses(prepared(3, data), model, batch(data), 4);
        assertThat(l.losses()).as("losses").isNotEmpty();
        for (Loss loss : l.losses()) {
            EbmAssertions.assertThat(loss.value()).as("loss '%s'", loss.name()).isFinite();
            assertThat(loss.minimisers()).as("loss '%s' moves the model", loss.name()).contains(model.parameters());
            List<Tensor> grads = Autograd.grad(loss.value(), model.parameters().tensors(), false);
            for (Tensor g : grads) {
                EbmAssertions.assertThat(g).as("gradient of '%s'", loss.name()).isFinite();
            }
        }
        l.metrics().forEach((k, v) -> assertThat(v).as("metric '%s'", k).isFinite());
    }

    @Test
    void modelGradientsAgreeWithFiniteDifferences() {
        Dataset data = ContractSupport.standardData(dimension(), 1);
        EnergyModel model = ContractSupport.tinyEnergy(dimension(), 2);
        Objective objective = prepared(3, data);
        Batch batch = batch(data);
        Parameters p = model.parameters();
        Loss first = losses(objective, model, batch, 9).losses().get(0);
        List<Tensor> grads = Autograd.grad(first.value(), p.tensors(), false);
        INDArray analytic = org.nd4j.linalg.factory.Nd4j.zeros(DataType.DOUBLE, 1, p.size());
        p.flattenInto(grads, analytic);
        INDArray flat = p.flat();
        double h = 1e-6;
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < flat.length(); i++) {
            double old = flat.getDouble(0, i);
            flat.putScalar(0, i, old + h);
            double plus = losses(objective, model, batch, 9).losses().get(0).value().item();
            flat.putScalar(0, i, old - h);
            double minus = losses(objective, model, batch, 9).losses().get(0).value().item();
            flat.putScalar(0, i, old);
            double numeric = (plus - minus) / (2 * h);
            double a = analytic.getDouble(0, i);
            if (Math.abs(a - numeric) > gradientTolerance() * Math.max(1, Math.abs(numeric))) {
                failures.add("parameter " + i + ": autograd " + a + ", finite differences " + numeric);
            }
        }
        assertThat(failures).as("gradient of loss '%s' against central differences", first.name()).isEmpty();
    }
}
