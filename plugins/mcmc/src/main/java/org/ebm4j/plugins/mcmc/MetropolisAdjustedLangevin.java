package org.ebm4j.plugins.mcmc;

import org.ebm4j.api.model.EnergyModel;
import org.ebm4j.api.sampler.SampleResult;
import org.ebm4j.api.sampler.Sampler;
import org.ebm4j.api.sampler.SamplerContext;
import org.ebm4j.api.tensor.Tensor;

/**
 * MALA: the Langevin proposal {@code x' = x + (ε/2) s(x) + √ε z}, accepted with
 * {@code min(1, exp(E(x) − E(x')) q(x|x') / q(x'|x))}, so the chain is exact for any ε. During {@code warmup} steps
 * ε adapts toward a target acceptance rate (0.574 is optimal in high dimension), then stays fixed.
 */
public final class MetropolisAdjustedLangevin implements Sampler {

    private final int steps;
    private final int warmup;
    private final double stepSize;
    private final double targetAcceptance;

    public MetropolisAdjustedLangevin(int steps, double stepSize, int warmup, double targetAcceptance) {
        this.steps = steps;
        this.stepSize = stepSize;
        this.warmup = warmup;
        this.targetAcceptance = targetAcceptance;
    }

    @Override
    public SampleResult sample(EnergyModel model, Tensor init, SamplerContext context) {
        return MetropolisChains.run(model, init, context, true, warmup, steps, stepSize, targetAcceptance, (chains, eps, ctx) -> {
            Tensor x = chains.x();
            Tensor z = ctx.random().normal(x.dataType(), x.shape());
            Tensor proposal = x.sub(chains.gradient().mul(0.5 * eps)).add(z.mul(Math.sqrt(eps)));
            EnergyAndGradient next = EnergyAndGradient.of(model, proposal);
            // log q(x | x') − log q(x' | x); the forward residual is exactly √ε z
            Tensor backward = x.sub(proposal).add(next.gradient().mul(0.5 * eps)).square().sum(1).mul(-0.5 / eps);
            Tensor forward = z.square().sum(1).mul(-0.5);
            Tensor logRatio = chains.energy().sub(next.energy()).add(backward).sub(forward);
            return new MetropolisChains.Proposal(proposal, next.energy(), next.gradient(), logRatio);
        });
    }
}
