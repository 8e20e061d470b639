package org.ebm4j.plugins.toydata;

import org.ebm4j.api.model.EnergyModel;
import org.ebm4j.api.param.Parameters;
import org.ebm4j.api.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * FFJORD's 8gaussians as a density: an equal mixture of 8 isotropic Gaussians with means {@code 4 c_k / 1.414} on a
 * circle and standard deviation {@code 0.5 / 1.414}, written as the normalised energy {@code E = −log p}, so that
 * {@code log Z = 0} and its score is the data's true score. Its test NLL is the data's entropy, 2.8313 nats.
 */
final class EightGaussiansDensity implements EnergyModel {

    static final double SCALE = 1.414;
    private static final double SIGMA = 0.5 / SCALE;

    private final Tensor means; // [2, 8], float64

    EightGaussiansDensity() {
        double s = 1 / Math.sqrt(2);
        double[][] centres = {{1, 0}, {-1, 0}, {0, 1}, {0, -1}, {s, s}, {s, -s}, {-s, s}, {-s, -s}};
        double[][] columns = new double[2][8];
        for (int k = 0; k < 8; k++) {
            columns[0][k] = 4 * centres[k][0] / SCALE;
            columns[1][k] = 4 * centres[k][1] / SCALE;
        }
        this.means = Tensor.of(DataType.DOUBLE, columns);
    }

    /** {@code −log (1/8) Σ_k N(x; m_k, σ²I)}, with ‖x − m‖² = ‖x‖² − 2 x·m + ‖m‖² for all components at once. */
    @Override
    public Tensor energy(Tensor x) {
        Tensor xd = x.castTo(DataType.DOUBLE);
        Tensor sq = xd.square().sum(1, true).sub(xd.matmul(means).mul(2)).add(means.square().sum(0, true)); // [n, 8]
        double logNormaliser = Math.log(8) + Math.log(2 * Math.PI * SIGMA * SIGMA);
        return sq.mul(-0.5 / (SIGMA * SIGMA)).logSumExp(1, false).neg().add(logNormaliser).castTo(x.dataType());
    }

    @Override
    public int dimension() {
        return 2;
    }

    @Override
    public Parameters parameters() {
        return Parameters.empty();
    }

    @Override
    public DataType dataType() {
        return DataType.DOUBLE;
    }
}
