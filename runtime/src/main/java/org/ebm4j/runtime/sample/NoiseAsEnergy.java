package org.ebm4j.runtime.sample;

import org.ebm4j.api.model.EnergyModel;
import org.ebm4j.api.noise.NoiseDistribution;
import org.ebm4j.api.param.Parameters;
import org.ebm4j.api.tensor.Tensor;

/** A noise distribution seen as the energy {@code −log p(x)}, so its density can be drawn like a model's. */
record NoiseAsEnergy(NoiseDistribution noise) implements EnergyModel {

    @Override
    public Tensor energy(Tensor x) {
        return noise.logProb(x).castTo(x.dataType()).neg();
    }

    @Override
    public int dimension() {
        return noise.dimension();
    }

    @Override
    public Parameters parameters() {
        return Parameters.empty();
    }
}
