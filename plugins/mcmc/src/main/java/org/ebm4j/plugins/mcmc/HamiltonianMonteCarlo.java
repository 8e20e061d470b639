package org.ebm4j.plugins.mcmc;

import org.ebm4j.api.model.EnergyModel;
import org.ebm4j.api.sampler.SampleResult;
import org.ebm4j.api.sampler.Sampler;
import org.ebm4j.api.sampler.SamplerContext;
import org.ebm4j.api.tensor.GradMode;
import org.ebm4j.api.tensor.Tensor;
import org.ebm4j.api.tensor.TensorScope;

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
        StepSizeAdaptation adaptation = new StepSizeAdaptation(stepSize, targetAcceptance);
        ChainStatistics stats = new ChainStatistics();
        try (GradMode.Scope off = GradMode.off(); TensorScope outer = TensorScope.open()) {
            ChainState chains = ChainState.start(model, init, true);
            for (int k = 0; k < warmup + steps; k++) {
                try (TensorScope ignored = TensorScope.open()) {
                    double eps = adaptation.step();
                    Tensor x = chains.x();
                    Tensor p0 = context.random().normal(x.dataType(), x.shape());
                    Tensor q = x;
                    EnergyAndGradient at = new EnergyAndGradient(chains.energy(), chains.gradient());
                    Tensor p = p0.sub(at.gradient().mul(0.5 * eps));
                    for (int l = 1; l <= leapfrogSteps; l++) {
                        q = q.add(p.mul(eps));
                        at = EnergyAndGradient.of(model, q);
                        p = p.sub(at.gradient().mul(l < leapfrogSteps ? eps : 0.5 * eps));
                    }
                    Tensor kinetic0 = p0.square().sum(1).mul(0.5);
                    Tensor kinetic1 = p.square().sum(1).mul(0.5);
                    Tensor logRatio = chains.energy().add(kinetic0).sub(at.energy()).sub(kinetic1);
                    Tensor accepted = Metropolis.accept(logRatio, context.random());
                    double rate = accepted.mean().item();
                    chains.accept(accepted, q, at.energy(), at.gradient());
                    if (k < warmup) {
                        adaptation.update(rate);
                    } else {
                        stats.accepted(rate);
                    }
                    stats.gradientNorm(chains.meanGradientNorm());
                }
            }
            return new SampleResult(Tensor.constant(chains.x().array()),
                    stats.diagnostics(chains.energy().mean().item(), warmup + steps, adaptation.step()));
        }
    }
}
