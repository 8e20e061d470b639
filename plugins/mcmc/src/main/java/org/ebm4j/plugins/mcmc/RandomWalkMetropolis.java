package org.ebm4j.plugins.mcmc;

import org.ebm4j.api.model.EnergyModel;
import org.ebm4j.api.sampler.SampleResult;
import org.ebm4j.api.sampler.Sampler;
import org.ebm4j.api.sampler.SamplerContext;
import org.ebm4j.api.tensor.GradMode;
import org.ebm4j.api.tensor.Tensor;
import org.ebm4j.api.tensor.TensorScope;

/**
 * Random-walk Metropolis: {@code x' = x + τ z}, accepted with {@code min(1, exp(E(x) − E(x')))}. Needs energies
 * only, no gradients. τ adapts toward a target acceptance rate (0.234 in high dimension) during warm-up.
 */
public final class RandomWalkMetropolis implements Sampler {

    private final int steps;
    private final int warmup;
    private final double scale;
    private final double targetAcceptance;

    public RandomWalkMetropolis(int steps, double scale, int warmup, double targetAcceptance) {
        this.steps = steps;
        this.scale = scale;
        this.warmup = warmup;
        this.targetAcceptance = targetAcceptance;
    }

    @Override
    public SampleResult sample(EnergyModel model, Tensor init, SamplerContext context) {
        StepSizeAdaptation adaptation = new StepSizeAdaptation(scale, targetAcceptance);
        ChainStatistics stats = new ChainStatistics();
        try (GradMode.Scope off = GradMode.off(); TensorScope outer = TensorScope.open()) {
            ChainState chains = ChainState.start(model, init, false);
            for (int k = 0; k < warmup + steps; k++) {
                try (TensorScope ignored = TensorScope.open()) {
                    double tau = adaptation.step();
                    Tensor x = chains.x();
                    Tensor proposal = x.add(context.random().normal(x.dataType(), x.shape()).mul(tau));
                    Tensor next = model.energy(proposal);
                    Tensor accepted = Metropolis.accept(chains.energy().sub(next), context.random());
                    double rate = accepted.mean().item();
                    chains.accept(accepted, proposal, next, null);
                    if (k < warmup) {
                        adaptation.update(rate);
                    } else {
                        stats.accepted(rate);
                    }
                }
            }
            return new SampleResult(Tensor.constant(chains.x().array()),
                    stats.diagnostics(chains.energy().mean().item(), warmup + steps, adaptation.step()));
        }
    }
}
