package org.ebm4j.plugins.mcmc;

import org.ebm4j.api.model.EnergyModel;
import org.ebm4j.api.sampler.SampleResult;
import org.ebm4j.api.sampler.Sampler;
import org.ebm4j.api.sampler.SamplerContext;
import org.ebm4j.api.tensor.GradMode;
import org.ebm4j.api.tensor.Tensor;
import org.ebm4j.api.tensor.TensorScope;

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
        StepSizeAdaptation adaptation = new StepSizeAdaptation(stepSize, targetAcceptance);
        ChainStatistics stats = new ChainStatistics();
        try (GradMode.Scope off = GradMode.off(); TensorScope outer = TensorScope.open()) {
            ChainState chains = ChainState.start(model, init, true);
            for (int k = 0; k < warmup + steps; k++) {
                try (TensorScope ignored = TensorScope.open()) {
                    double eps = adaptation.step();
                    Tensor x = chains.x();
                    Tensor z = context.random().normal(x.dataType(), x.shape());
                    Tensor proposal = x.sub(chains.gradient().mul(0.5 * eps)).add(z.mul(Math.sqrt(eps)));
                    EnergyAndGradient next = EnergyAndGradient.of(model, proposal);
                    // log q(x | x') − log q(x' | x); the forward residual is exactly √ε z
                    Tensor backward = x.sub(proposal).add(next.gradient().mul(0.5 * eps)).square().sum(1).mul(-0.5 / eps);
                    Tensor forward = z.square().sum(1).mul(-0.5);
                    Tensor logRatio = chains.energy().sub(next.energy()).add(backward).sub(forward);
                    Tensor accepted = Metropolis.accept(logRatio, context.random());
                    double rate = accepted.mean().item();
                    chains.accept(accepted, proposal, next.energy(), next.gradient());
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
