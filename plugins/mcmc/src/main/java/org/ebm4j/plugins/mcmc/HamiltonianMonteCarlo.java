package org.ebm4j.plugins.mcmc;

import org.ebm4j.api.model.EnergyModel;
import org.ebm4j.api.sampler.SampleResult;
import org.ebm4j.api.sampler.Sampler;
import org.ebm4j.api.sampler.SamplerContext;
import org.ebm4j.api.tensor.Tensor;

/**
 * HMC: a fresh momentum {@code p ~ N(0, I)} per iteration, {@code L} leapfrog steps of size ε, accepted on the
 * change of {@code H = E(x) + ½‖p‖²}. The step size adapts toward a target acceptance rate during warm-up, then
 * stays fixed. Every chain moves in one array.
 */
public final class HamiltonianMonteCarlo implements Sampler {

    private final int steps;
    private final int leapfrogSteps;
    private final int warmup;
    private final double stepSize;
    private final double targetAcceptance;

    public HamiltonianMonteCarlo(int steps, int leapfrogSteps, double stepSize, int warmup, double targetAcceptance) {
        this.steps = steps;
        this.leapfrogSteps = leapfrogSteps;
        this.stepSize = stepSize;
        this.warmup = warmup;
        this.targetAcceptance = targetAcceptance;
    }

    @Override
    public SampleResult sample(EnergyModel model, Tensor init, SamplerContext context) {
        return MetropolisChains.run(model, init, context, true, warmup, steps, stepSize, targetAcceptance, (chains, eps, ctx) -> {
            Tensor p0 = ctx.random().normal(chains.x().dataType(), chains.x().shape());
            Tensor q = chains.x();
            EnergyAndGradient at = new EnergyAndGradient(chains.energy(), chains.gradient());
            Tensor p = p0.sub(at.gradient().mul(0.5 * eps));
            for (int l = 1; l <= leapfrogSteps; l++) {
                q = q.add(p.mul(eps));
                at = EnergyAndGradient.of(model, q);
                p = p.sub(at.gradient().mul(l < leapfrogSteps ? eps : 0.5 * eps));
            }
            Tensor logRatio = chains.energy().add(p0.square().sum(1).mul(0.5)).sub(at.energy()).sub(p.square().sum(1).mul(0.5));
            return new MetropolisChains.Proposal(q, at.energy(), at.gradient(), logRatio);
        });
    }
}
