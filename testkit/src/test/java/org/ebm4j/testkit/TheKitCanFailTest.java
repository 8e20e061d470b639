package org.ebm4j.testkit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import java.util.Map;
import org.ebm4j.api.component.ComponentContext;
import org.ebm4j.api.component.ComponentProvider;
import org.ebm4j.api.data.Dataset;
import org.ebm4j.api.noise.NoiseDistribution;
import org.ebm4j.api.objective.Loss;
import org.ebm4j.api.objective.Losses;
import org.ebm4j.api.objective.Objective;
import org.ebm4j.api.random.RandomSource;
import org.ebm4j.api.sampler.SampleResult;
import org.ebm4j.api.sampler.Sampler;
import org.ebm4j.api.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/** Deliberately broken components, each failing the check made for its defect: the contracts can fail. */
class TheKitCanFailTest {

    /** A provider of {@code component} with the kit's own test defaults. */
    private static <T> ComponentProvider<T> providing(String name, T component) {
        return new ComponentProvider<>() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String description() {
                return "broken on purpose";
            }

            @Override
            public T create(Config settings, ComponentContext context) {
                return component;
            }
        };
    }

    @Test
    void anObjectiveWhoseGradientMissesATermFailsTheFiniteDifferenceCheck() {
        // the second term is detached: its gradient is lost, as a bug would lose it
        ObjectiveContract contract = new ObjectiveContract() {
            @Override
            protected ComponentProvider<Objective> provider() {
                return providing("broken-objective", (model, batch, step) -> {
                    Tensor e = model.energy(batch.x());
                    return Losses.of(Loss.minimise("broken", e.mean().add(e.square().mean().detach().mul(e.mean().detach()))
                            .add(e.detach().mul(e).mean()), model.parameters()));
                });
            }
        };
        assertThatThrownBy(contract::modelGradientsAgreeWithFiniteDifferences).isInstanceOf(AssertionError.class)
                .hasMessageContaining("finite differences");
    }

    @Test
    void aSamplerThatDoesNotMoveFailsTheMomentCheck() {
        Sampler frozen = (model, init, context) -> new SampleResult(init, Map.of());
        SamplerContract contract = new SamplerContract() {
            @Override
            protected ComponentProvider<Sampler> provider() {
                return providing("frozen", frozen);
            }
        };
        assertThatThrownBy(contract::theGaussianTargetsMomentsComeOutWithinMonteCarloError).isInstanceOf(AssertionError.class)
                .hasMessageContaining("mean of x1");
    }

    @Test
    void aNoiseWhoseDensityIsNotNormalisedFailsTheGridIntegral() {
        NoiseDistribution unnormalised = new NoiseDistribution() {
            @Override
            public Tensor sample(int n, RandomSource random) {
                return random.normal(Tensor.DEFAULT_TYPE, n, 2);
            }

            @Override
            public Tensor logProb(Tensor x) {
                return x.square().sum(1).mul(-0.5);   // forgot −log 2π
            }

            @Override
            public int dimension() {
                return 2;
            }

            @Override
            public void fit(Dataset data, RandomSource random) {}
        };
        NoiseDistributionContract contract = new NoiseDistributionContract() {
            @Override
            protected ComponentProvider<NoiseDistribution> provider() {
                return providing("unnormalised", unnormalised);
            }
        };
        assertThatThrownBy(contract::densityIntegratesToOneAndDrawsHaveItsMean).isInstanceOf(AssertionError.class)
                .hasMessageContaining("∫ p");
    }

    @Test
    void arrayAssertionsReportWhatDiffers() {
        assertThatThrownBy(() -> EbmAssertions.assertThat(Nd4j.createFromArray(1.0, Double.NaN)).isFinite())
                .hasMessageContaining("entry 1").hasMessageContaining("NaN");
        assertThatThrownBy(() -> EbmAssertions.assertThat(Nd4j.createFromArray(1.0, 2.0)).isCloseTo(new double[] {1.0, 2.1}, 0.01, 0.01))
                .hasMessageContaining("entry 1").hasMessageContaining("2.1");
        assertThatThrownBy(() -> EbmAssertions.assertThat(Nd4j.zeros(2, 3)).hasShape(3, 2)).hasMessageContaining("[3, 2]");
        EbmAssertions.assertThat(Nd4j.createFromArray(1.0, 2.0)).hasShape(2).isFinite().isCloseTo(new double[] {1.0, 2.001}, 0.01, 0);
    }
}
