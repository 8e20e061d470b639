package org.ebm4j.plugins.analytic;

import org.ebm4j.api.model.EnergyModel;
import org.ebm4j.api.param.Parameters;
import org.ebm4j.api.random.RandomSource;
import org.ebm4j.api.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@code E(x) = ½ (x-μ)ᵀΛ(x-μ)} with {@code Λ = L Lᵀ} held by a {@link CholeskyFactor}, so every parameter value is
 * a valid precision. {@code log Z = (d/2) log 2π - ½ log det Λ}: with {@code -E - log Z} as log-density this is
 * exactly a Gaussian.
 */
public final class GaussianEnergy implements EnergyModel {

    private final DataType type;

    private final int d;
    private final Parameters parameters;
    private final Tensor mean;
    private final CholeskyFactor factor;

    /**
     * @param mean      initial μ, {@code [d]}
     * @param precision initial Λ, {@code [d, d]} symmetric positive definite
     */
    public GaussianEnergy(INDArray mean, INDArray precision, boolean learnMean, boolean learnPrecision, DataType type) {
        this.type = type;
        this.d = (int) mean.length();
        INDArray raw = CholeskyFactor.rawOf(precision).castTo(type);
        INDArray mu = mean.castTo(DataType.DOUBLE).reshape(1, d).castTo(type);
        Parameters.Builder b = Parameters.builder(type);
        if (learnMean) {
            b.add("mean", mu);
        }
        if (learnPrecision) {
            b.add("cholesky", raw);
        }
        try (RandomSource unused = RandomSource.seeded(0)) { // values are given: no initialiser draws
            this.parameters = b.build(unused);
        }
        this.mean = learnMean ? parameters.get("mean") : Tensor.constant(mu);
        this.factor = new CholeskyFactor(learnPrecision ? parameters.get("cholesky") : Tensor.constant(raw));
    }

    @Override
    public Tensor energy(Tensor x) {
        return x.sub(mean).matmul(factor.lower()).square().sum(1).mul(0.5);
    }

    /** The precision it computes in, also when nothing is learnt (the default would say float32). */
    @Override
    public DataType dataType() {
        return type;
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
        return factor.precision();
    }

    /** {@code log Z = (d/2) log 2π - ½ log det Λ}. */
    public double logPartition() {
        return 0.5 * d * Math.log(2 * Math.PI) - factor.halfLogDet().item();
    }
}
