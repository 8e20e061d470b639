package org.ebm4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.ebm4j.api.model.EnergyModel;
import org.ebm4j.api.random.RandomSource;
import org.ebm4j.api.tensor.Autograd;
import org.ebm4j.api.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The contract of an energy model: energies {@code [n]} and finite on standard data, its dimension is the data's,
 * and its score {@code −∇ₓE} agrees with central finite differences of the energy (in the model's own precision,
 * so the tolerance is {@link #scoreTolerance()}).
 */
public abstract class EnergyModelContract extends ComponentContract<EnergyModel> {

    @Override
    protected final String kind() {
        return "model";
    }

    /** Relative tolerance of the score check; float32 models need about 1e-2 with the step used. */
    protected double scoreTolerance() {
        return 2e-2;
    }

    private Tensor points(EnergyModel model, int n, long seed) {
        try (RandomSource random = RandomSource.seeded(seed)) {
            return random.normal(model.parameters().isEmpty() ? Tensor.DEFAULT_TYPE : model.parameters().dataType(), n, dimension());
        }
    }

    @Override
    protected double[] fingerprint(EnergyModel model, long seed) {
        return model.energy(points(model, 8, seed)).array().castTo(DataType.DOUBLE).toDoubleVector();
    }

    @Test
    void energiesAreAFiniteVectorAndTheDimensionIsTheDatas() {
        EnergyModel model = create(1);
        assertThat(model.dimension()).isEqualTo(dimension());
        EbmAssertions.assertThat(model.energy(points(model, 32, 2))).hasShape(32).isFinite();
    }

    @Test
    void scoreIsMinusTheGradientOfTheEnergy() {
        EnergyModel model = create(1);
        Tensor x = points(model, 6, 3);
        INDArray score = model.score(x, false).array().castTo(DataType.DOUBLE);
        boolean single = x.dataType() == DataType.FLOAT;
        double h = single ? 1e-2 : 1e-6;
        for (int j = 0; j < dimension(); j++) {
            INDArray plus = x.array().dup();
            INDArray minus = x.array().dup();
            plus.getColumn(j).addi(h);
            minus.getColumn(j).subi(h);
            INDArray numeric = model.energy(Tensor.constant(plus)).array().castTo(DataType.DOUBLE)
                    .sub(model.energy(Tensor.constant(minus)).array().castTo(DataType.DOUBLE)).divi(-2 * h);
            EbmAssertions.assertThat(score.getColumn(j)).as("score coordinate %d", j).isCloseTo(numeric, scoreTolerance(), scoreTolerance());
        }
        if (!model.parameters().isEmpty()) {
            List<Tensor> grads = Autograd.grad(model.energy(x).sum(), model.parameters().tensors(), false);
            grads.forEach(g -> EbmAssertions.assertThat(g).as("parameter gradient").isFinite());
        }
    }
}
