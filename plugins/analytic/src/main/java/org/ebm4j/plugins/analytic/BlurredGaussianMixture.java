package org.ebm4j.plugins.analytic;

import java.util.ArrayList;
import java.util.List;
import org.ebm4j.api.model.NoiseConditionalEnergy;
import org.ebm4j.api.param.Parameters;
import org.ebm4j.api.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.eigen.Eigen;

/**
 * A Gaussian mixture with fixed covariances as a noise-conditional energy: {@code E(x, σ)} is the exact energy of
 * the mixture blurred by {@code N(0, σ²I)}, whose components are {@code N(μ_k, Σ_k + σ²I)}. With
 * {@code Σ_k = U_k D_k U_kᵀ} the blurred quadratic form is {@code Σ_j y_j² / (D_kj + σ²)} for {@code y = (x−μ_k) U_k},
 * so one matmul per component serves every row's own σ. Plain {@link #energy(Tensor)} is the mixture itself.
 * This is the exact target of annealed Langevin and of multi-noise DSM (NCSN's toy).
 */
final class BlurredGaussianMixture implements NoiseConditionalEnergy {

    private final GaussianMixtureEnergy mixture;
    private final List<Tensor> means = new ArrayList<>();
    private final List<Tensor> rotations = new ArrayList<>();   // U_k, [d, d]
    private final List<Tensor> variances = new ArrayList<>();   // D_k, [1, d]
    private final double logNormaliser;

    BlurredGaussianMixture(GaussianMixtureEnergy mixture, List<INDArray> covariances, DataType type) {
        this.mixture = mixture;
        int d = mixture.dimension();
        for (int k = 0; k < covariances.size(); k++) {
            INDArray u = covariances.get(k).castTo(DataType.DOUBLE).dup();
            INDArray eigenvalues = Eigen.symmetricGeneralizedEigenvalues(u, true); // u becomes the eigenvectors
            rotations.add(Tensor.constant(u.castTo(type)));
            variances.add(Tensor.constant(eigenvalues.reshape(1, d).castTo(type)));
            means.add(mixture.meanTensor(k));
        }
        this.logNormaliser = 0.5 * d * Math.log(2 * Math.PI);
    }

    @Override
    public Tensor energy(Tensor x, Tensor sigma) {
        Tensor sigma2 = sigma.square();                                           // [n, 1]
        Tensor[] columns = new Tensor[means.size()];
        for (int k = 0; k < columns.length; k++) {
            Tensor blurred = variances.get(k).add(sigma2);                        // [n, d]
            Tensor y = x.sub(means.get(k)).matmul(rotations.get(k));
            Tensor quad = y.square().div(blurred).sum(1, true).mul(-0.5);
            columns[k] = quad.sub(blurred.log().sum(1, true).mul(0.5));
        }
        Tensor logJoint = Tensor.concat(1, columns).add(mixture.logWeights());
        return logJoint.logSumExp(1, false).neg().add(logNormaliser);
    }

    @Override
    public Tensor energy(Tensor x) {
        return mixture.energy(x);
    }

    @Override
    public double evaluationSigma() {
        return 0;
    }

    @Override
    public int dimension() {
        return mixture.dimension();
    }

    @Override
    public Parameters parameters() {
        return mixture.parameters();
    }

    GaussianMixtureEnergy mixture() {
        return mixture;
    }
}
