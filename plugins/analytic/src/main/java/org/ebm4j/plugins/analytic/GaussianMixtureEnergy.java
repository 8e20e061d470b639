package org.ebm4j.plugins.analytic;

import java.util.ArrayList;
import java.util.List;
import org.ebm4j.api.model.EnergyModel;
import org.ebm4j.api.param.Parameters;
import org.ebm4j.api.random.RandomSource;
import org.ebm4j.api.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code E(x) = -log Σ_k w_k N(x; μ_k, Λ_k⁻¹)}: a normalised mixture, so {@code log Z = 0} and the score is exact.
 * Weights are a softmax of free logits and each precision a {@link CholeskyFactor}, so every parameter value is
 * a valid mixture. Components are evaluated one matmul each and combined by a stable log-sum-exp.
 */
public final class GaussianMixtureEnergy implements EnergyModel {

    private final DataType type;

    private final int d;
    private final int k;
    private final Parameters parameters;
    private final Tensor logits;
    private final List<Tensor> means = new ArrayList<>();
    private final List<CholeskyFactor> factors = new ArrayList<>();
    private final double logNormaliser;

    /**
     * @param weights     {@code [K]}, positive, summing to 1
     * @param means       {@code [K, d]}
     * @param precisions  K symmetric positive-definite {@code [d, d]} matrices
     */
    public GaussianMixtureEnergy(double[] weights, INDArray means, List<INDArray> precisions,
                                 boolean learnWeights, boolean learnMeans, boolean learnCovariances, DataType type) {
        this.type = type;
        this.k = weights.length;
        this.d = means.columns();
        double[] logW = new double[k];
        for (int i = 0; i < k; i++) {
            logW[i] = Math.log(weights[i]);
        }
        INDArray logitValues = Nd4j.createFromArray(logW).reshape(1, k).castTo(type);
        Parameters.Builder b = Parameters.builder(type);
        if (learnWeights) {
            b.add("logits", logitValues);
        }
        for (int i = 0; i < k; i++) {
            if (learnMeans) {
                b.add("mean" + i, means.getRow(i).reshape(1, d).castTo(type));
            }
            if (learnCovariances) {
                b.add("cholesky" + i, CholeskyFactor.rawOf(precisions.get(i)).castTo(type));
            }
        }
        try (RandomSource unused = RandomSource.seeded(0)) { // values are given: no initialiser draws
            this.parameters = b.build(unused);
        }
        this.logits = learnWeights ? parameters.get("logits") : Tensor.constant(logitValues);
        for (int i = 0; i < k; i++) {
            this.means.add(learnMeans ? parameters.get("mean" + i) : Tensor.constant(means.getRow(i).reshape(1, d).castTo(type)));
            this.factors.add(new CholeskyFactor(learnCovariances ? parameters.get("cholesky" + i)
                    : Tensor.constant(CholeskyFactor.rawOf(precisions.get(i)).castTo(type))));
        }
        this.logNormaliser = 0.5 * d * Math.log(2 * Math.PI);
    }

    @Override
    public Tensor energy(Tensor x) {
        Tensor[] columns = new Tensor[k];
        for (int i = 0; i < k; i++) {
            CholeskyFactor f = factors.get(i);
            Tensor quad = x.sub(means.get(i)).matmul(f.lower()).square().sum(1, true).mul(-0.5);
            columns[i] = quad.add(f.halfLogDet());
        }
        Tensor logJoint = Tensor.concat(1, columns).add(logits.logSoftmax(1));
        return logJoint.logSumExp(1, false).neg().add(logNormaliser);
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

    /** {@code log w}, {@code [1, K]} (differentiable in the logits when they are learnt). */
    Tensor logWeights() {
        return logits.logSoftmax(1);
    }

    /** Component {@code i}'s mean, {@code [1, d]} (a parameter when means are learnt). */
    Tensor meanTensor(int i) {
        return means.get(i);
    }

    /** The current mixture weights, {@code [K]}. */
    public double[] weights() {
        return logits.logSoftmax(1).exp().toDoubleArray();
    }

    /** The current mean of component {@code i}, {@code [d]}. */
    public double[] mean(int i) {
        return means.get(i).toDoubleArray();
    }

    /** The current precision of component {@code i}. */
    public INDArray precision(int i) {
        return factors.get(i).precision();
    }

    /** {@code log Z = 0}: the energy is a normalised negative log-density. */
    public double logPartition() {
        return 0.0;
    }
}
