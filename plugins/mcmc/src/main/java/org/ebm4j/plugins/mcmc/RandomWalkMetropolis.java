package org.ebm4j.plugins.mcmc;

import org.ebm4j.api.model.EnergyModel;
import org.ebm4j.api.sampler.SampleResult;
import org.ebm4j.api.sampler.Sampler;
import org.ebm4j.api.sampler.SamplerContext;
import org.ebm4j.api.tensor.Tensor;

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
        return MetropolisChains.run(model, init, context, false, warmup, steps, scale, targetAcceptance, (chains, tau, ctx) -> {
            Tensor x = chains.x();
            Tensor proposal = x.add(ctx.random().normal(x.dataType(), x.shape()).mul(tau));
            Tensor next = model.energy(proposal);
            return new MetropolisChains.Proposal(proposal, next, null, chains.energy().sub(next));
        });
    }
}
