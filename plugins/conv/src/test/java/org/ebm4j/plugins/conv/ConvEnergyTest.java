package org.ebm4j.plugins.conv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.ebm4j.api.ConfigException;
import org.ebm4j.api.model.EnergyModel;
import org.ebm4j.api.model.NoiseConditionalEnergy;
import org.ebm4j.api.random.RandomSource;
import org.ebm4j.api.tensor.Autograd;
import org.ebm4j.api.tensor.GradMode;
import org.ebm4j.api.tensor.Tensor;
import org.ebm4j.testkit.ContractSupport;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class ConvEnergyTest {

    private static EnergyModel create(String settings, int d) {
        return ContractSupport.build(new ConvProvider(), "model", settings, d, 5);
    }

    /** σ as an input channel: the energy depends on σ, and its x-gradient at fixed σ matches central differences. */
    @Test
    void aNoiseConditionalConvEnergyTakesSigmaAsAChannel() {
        NoiseConditionalEnergy model = (NoiseConditionalEnergy) create("channels = [3, 4], strides = [1, 2], conditioning = input", 36);
        INDArray x = RandomSource.seeded(1).normal(DataType.FLOAT, 3, 36).array().dup();
        Tensor small = Tensor.constant(org.nd4j.linalg.factory.Nd4j.valueArrayOf(new long[] {3, 1}, 0.1f));
        Tensor large = Tensor.constant(org.nd4j.linalg.factory.Nd4j.valueArrayOf(new long[] {3, 1}, 1.0f));
        double[] e1 = model.energy(Tensor.constant(x), small).array().castTo(DataType.DOUBLE).toDoubleVector();
        double[] e2 = model.energy(Tensor.constant(x), large).array().castTo(DataType.DOUBLE).toDoubleVector();
        assertThat(e1).hasSize(3).isNotEqualTo(e2);
        INDArray grad;
        try (GradMode.Scope on = GradMode.on()) {
            Tensor leaf = Tensor.constant(x.dup()).requireGrad();
            grad = Autograd.grad(model.energy(leaf, small).sum(), leaf, false).array().castTo(DataType.DOUBLE);
        }
        double h = 1e-2;
        for (int j : new int[] {0, 7, 20, 35}) {
            INDArray plus = x.dup();
            INDArray minus = x.dup();
            plus.getColumn(j).addi(h);
            minus.getColumn(j).subi(h);
            double fd = (model.energy(Tensor.constant(plus), small).sum().item()
                    - model.energy(Tensor.constant(minus), small).sum().item()) / (2 * h);
            assertThat(grad.getColumn(j).sumNumber().doubleValue()).as("coordinate %d", j)
                    .isCloseTo(fd, org.assertj.core.api.Assertions.within(2e-2 * Math.max(1, Math.abs(fd))));
        }
    }

    @Test
    void imagesThatDoNotFitTheDataAreRefusedByName() {
        assertThatThrownBy(() -> create("", 10)).isInstanceOf(ConfigException.class).hasMessageContaining("image")
                .hasMessageContaining("not a square image");
        assertThatThrownBy(() -> create("image = [3, 4, 4]", 16)).isInstanceOf(ConfigException.class).hasMessageContaining("48 values");
        assertThatThrownBy(() -> create("channels = [4, 4], strides = [1]", 16)).hasMessageContaining("one stride per entry");
        assertThatThrownBy(() -> create("kernel = 4", 16)).hasMessageContaining("odd");
        assertThat(create("image = [3, 2, 2], channels = [2], strides = [1]", 12).dimension()).isEqualTo(12);
    }

    /** Without an `image` setting the model reads the shape the data source gives, a non-square one included. */
    @Test
    void theDataSourcesRowShapeIsTheImageShape() {
        EnergyModel model = new org.ebm4j.runtime.experiment.Standalone(new ConvProvider(), org.ebm4j.api.component.ComponentKind.MODEL,
                java.util.Map.of()).build(EnergyModel.class, com.typesafe.config.ConfigFactory.parseString("channels = [2], strides = [1]"),
                24, java.util.List.of(2, 3, 4), 5);
        assertThat(((ConvEnergy) model).image()).isEqualTo(new ConvEnergy.ImageShape(2, 3, 4));
        assertThat(model.parameters().get("conv0").shape()).containsExactly(2, 2, 3, 3); // two input channels
    }
}
