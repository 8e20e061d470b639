package org.ebm4j.plugins.noise;

import org.ebm4j.api.tensor.Cholesky;
import org.ebm4j.api.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One Gaussian {@code N(μ, Σ)} ready to evaluate and draw: {@code Σ = L Lᵀ}, the whitening {@code W = L⁻ᵀ} (so
 * {@code y = (x − μ) W} is standard normal) and the normaliser {@code −Σ log L_ii − (d/2) log 2π}.
 */
final class GaussianComponent {

    final INDArray mean;       // [1, d], double
    final INDArray covariance; // [d, d], double
    private final Tensor meanT;
    private final Tensor whitenT;
    private final Tensor factorT;
    final double logNormaliser;

    GaussianComponent(INDArray mean, INDArray covariance, DataType type) {
        int d = covariance.rows();
        this.mean = mean.castTo(DataType.DOUBLE).reshape(1, d).dup();
        this.covariance = covariance.castTo(DataType.DOUBLE).dup();
        INDArray lower = Cholesky.lower(this.covariance);
        double logDet = 0;
        for (int i = 0; i < d; i++) {
            logDet += Math.log(lower.getDouble(i, i));
        }
        this.logNormaliser = -logDet - 0.5 * d * Math.log(2 * Math.PI);
        this.meanT = Tensor.constant(this.mean.castTo(type));
        this.whitenT = Tensor.constant(Cholesky.lowerInverse(lower).transpose().dup().castTo(type));
        this.factorT = Tensor.constant(lower.transpose().dup().castTo(type));
    }

    /** {@code log N(x; μ, Σ)} per row, {@code [n, 1]}. */
    Tensor logDensity(Tensor x) {
        return x.castTo(meanT.dataType()).sub(meanT).matmul(whitenT).square().sum(1, true).mul(-0.5).add(logNormaliser);
    }

    /** {@code μ + L z} per row of standard normal {@code z: [n, d]}. */
    Tensor transform(Tensor z) {
        return z.matmul(factorT).add(meanT);
    }
}
