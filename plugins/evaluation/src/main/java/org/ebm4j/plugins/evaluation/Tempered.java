package org.ebm4j.plugins.evaluation;

import org.ebm4j.api.model.EnergyModel;
import org.ebm4j.api.noise.NoiseDistribution;
import org.ebm4j.api.param.Parameters;
import org.ebm4j.api.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A point of the geometric path from a base q to p ∝ exp(−E): {@code E_β(x) = (1 − β)(−log q(x)) + β E(x)}, the
 * energy a transition sampler leaves invariant at inverse temperature β.
 */
record Tempered(EnergyModel model, NoiseDistribution base, double beta) implements EnergyModel {

    @Override
    public Tensor energy(Tensor x) {
        Tensor logQ = base.logProb(x).castTo(x.dataType());
        return beta == 1 ? model.energy(x) : logQ.neg().mul(1 - beta).add(model.energy(x).mul(beta));
    }

    @Override
    public int dimension() {
        return model.dimension();
    }

    @Override
    public Parameters parameters() {
        return Parameters.empty();
    }

    @Override
    public DataType dataType() {
        return model.dataType();
    }
}
