package org.ebm4j.plugins.mcmc;

import org.ebm4j.api.model.EnergyModel;
import org.ebm4j.api.sampler.SampleResult;
import org.ebm4j.api.sampler.SamplerContext;
import org.ebm4j.api.tensor.GradMode;
import org.ebm4j.api.tensor.Tensor;
import org.ebm4j.api.tensor.TensorScope;

/**
 * The loop every Metropolis-Hastings sampler shares: propose, accept per chain, adapt the step toward a target
 * acceptance rate during warm-up and then freeze it, report acceptance, energy and gradient norm. A sampler only
 * says how it proposes.
 */
final class MetropolisChains {

    /** A proposal for every chain and its log acceptance ratio; {@code gradient} is null for gradient-free samplers. */
    record Proposal(Tensor x, Tensor energy, Tensor gradient, Tensor logRatio) {}

    /** Makes a proposal from the current chains with step size {@code step}. */
    interface Kernel {
        Proposal propose(ChainState chains, double step, SamplerContext context);
    }

    private MetropolisChains() {}

    static SampleResult run(EnergyModel model, Tensor init, SamplerContext context, boolean withGradient,
                            int configuredWarmup, int steps, double configuredStep, double targetAcceptance, Kernel kernel) {
        // a caller that froze the step (AIS per temperature, traced sampling) gets it, and no warm-up
        int warmup = context.warmup(configuredWarmup);
        StepSizeAdaptation adaptation = new StepSizeAdaptation(context.stepSize(configuredStep), targetAcceptance);
        ChainStatistics stats = new ChainStatistics();
        try (GradMode.Scope off = GradMode.off(); TensorScope outer = TensorScope.open()) {
            ChainState chains = ChainState.start(model, init, withGradient);
            for (int k = 0; k < warmup + steps; k++) {
                try (TensorScope ignored = TensorScope.open()) {
                    Proposal p = kernel.propose(chains, adaptation.step(), context);
                    Tensor accepted = Metropolis.accept(p.logRatio(), context.random());
                    double rate = accepted.mean().item();
                    chains.accept(accepted, p.x(), p.energy(), p.gradient());
                    if (k < warmup) {
                        adaptation.update(rate);
                    } else {
                        stats.accepted(rate);
                    }
                    if (withGradient) {
                        stats.gradientNorm(chains.meanGradientNorm());
                    }
                }
            }
            return new SampleResult(Tensor.constant(chains.x().array()),
                    stats.diagnostics(chains.energy().mean().item(), warmup + steps, adaptation.step()));
        }
    }
}
