package org.ebm4j.api.optim;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Clipping by global norm (Pascanu et al. 2013): all gradients scaled together, so their direction is kept. */
public final class GradientClipping {

    private GradientClipping() {}

    /**
     * Scales {@code gradient} in place so its L2 norm is at most {@code maxNorm} (0 means no limit).
     *
     * @return the norm before clipping
     */
    public static double clipByGlobalNorm(INDArray gradient, double maxNorm) {
        double norm = gradient.norm2Number().doubleValue();
        if (maxNorm > 0 && norm > maxNorm) {
            gradient.muli(maxNorm / norm);
        }
        return norm;
    }
}
