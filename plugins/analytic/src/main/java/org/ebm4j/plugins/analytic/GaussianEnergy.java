package org.ebm4j.plugins.analytic;

import org.ebm4j.api.model.EnergyModel;
import org.ebm4j.api.param.Parameters;
import org.ebm4j.api.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code E(x) = ½ (x-μ)ᵀΛ(x-μ)} with {@code Λ = L Lᵀ}, {@code L} lower triangular with a positive diagonal
 * ({@code exp} of a free parameter), so every parameter value is a valid precision. {@code log Z = (d/2) log 2π -
 * ½ log det Λ}: with {@code -E - log Z} as log-density this is exactly a Gaussian.
 */
public final class GaussianEnergy implements EnergyModel {

    private final int d;
    private final Parameters parameters;
    private final Tensor mean;
    private final Tensor factor;
    private final Tensor strictLower;
    private final Tensor eye;

    /**
     * @param mean      initial μ, {@code [d]}
     * @param precision initial Λ, {@code [d, d]} symmetric positive definite
     */
    public GaussianEnergy(INDArray mean, INDArray precision, boolean learnMean, boolean learnPrecision, DataType type) {
        this.d = (int) mean.length();
        INDArray l = precision.castTo(DataType.DOUBLE).dup();
        Nd4j.getBlasWrapper().lapack().potrf(l, true); // Λ = L Lᵀ, L in the lower triangle
        INDArray raw = Nd4j.zeros(DataType.DOUBLE, d, d);
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < i; j++) {
                raw.putScalar(i, j, l.getDouble(i, j));
            }
            raw.putScalar(i, i, Math.log(l.getDouble(i, i)));
        }
        INDArray mu = mean.castTo(DataType.DOUBLE).reshape(1, d);
        Parameters.Builder b = Parameters.builder(type);
        if (learnMean) {
            b.add("mean", mu.castTo(type));
        }
        if (learnPrecision) {
            b.add("cholesky", raw.castTo(type));
        }
        this.parameters = b.build(org.ebm4j.api.random.RandomSource.seeded(0));
        this.mean = learnMean ? parameters.get("mean") : Tensor.constant(mu.castTo(type));
        this.factor = learnPrecision ? parameters.get("cholesky") : Tensor.constant(raw.castTo(type));
        INDArray lower = Nd4j.zeros(type, d, d);
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < i; j++) {
                lower.putScalar(i, j, 1.0);
            }
        }
        this.strictLower = Tensor.constant(lower);
        this.eye = Tensor.constant(Nd4j.eye(d).castTo(type));
    }

    /** {@code L}: strictly lower part as is, diagonal exponentiated. */
    Tensor cholesky() {
        return factor.mul(strictLower).add(factor.mul(eye).exp().mul(eye));
    }

    @Override
    public Tensor energy(Tensor x) {
        return x.sub(mean).matmul(cholesky()).square().sum(1).mul(0.5);
    }

    @Override
    public int dimension() {
        return d;
    }

    @Override
    public Parameters parameters() {
        return parameters;
    }

    /** The current μ, {@code [d]}. */
    public double[] meanValues() {
        return mean.toDoubleArray();
    }

    /** The current Λ = L Lᵀ, {@code [d, d]}. */
    public INDArray precision() {
        Tensor l = cholesky();
        return l.matmul(l.transpose()).array().dup();
    }

    /** {@code log Z = (d/2) log 2π - ½ log det Λ = (d/2) log 2π - Σ log L_ii}. */
    public double logPartition() {
        return 0.5 * d * Math.log(2 * Math.PI) - factor.mul(eye).sum().item();
    }
}
