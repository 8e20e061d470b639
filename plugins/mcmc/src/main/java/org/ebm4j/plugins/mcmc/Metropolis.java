package org.ebm4j.plugins.mcmc;

import org.ebm4j.api.random.RandomSource;
import org.ebm4j.api.tensor.Tensor;

/** The accept/reject step, per chain, in one array. */
final class Metropolis {

    private Metropolis() {}

    /**
     * Accepts chain {@code i} with probability {@code min(1, exp(logRatio_i))}; a NaN ratio (a proposal where the
     * energy is undefined) is rejected.
     *
     * @return a {@code [chains]} mask, 1 for accepted
     */
    static Tensor accept(Tensor logRatio, RandomSource random) {
        Tensor logU = random.uniform(0, 1, logRatio.dataType(), logRatio.shape()).log();
        return logU.lt(logRatio);
    }

    /** {@code mask ? proposal : current} row-wise, for {@code [chains, d]} states and a {@code [chains]} mask. */
    static Tensor select(Tensor mask, Tensor proposal, Tensor current) {
        Tensor rows = mask.reshape(mask.length(), 1).mul(Tensor.full(1.0, proposal.dataType(), 1, proposal.shape()[1]));
        return Tensor.where(rows, proposal, current);
    }
}
