package org.ebm4j.plugins.noise;

import java.util.Map;
import org.ebm4j.api.EbmException;
import org.ebm4j.api.data.Dataset;
import org.ebm4j.api.noise.NoiseDistribution;
import org.ebm4j.api.random.RandomSource;
import org.ebm4j.api.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The training rows themselves, drawn with replacement: where CD-k's and many samplers' chains start. With a
 * bandwidth {@code h > 0} it is the Gaussian kernel density {@code (1/m) Σⱼ N(x; xⱼ, h²I)}, which has an exact
 * log-density; with {@code h = 0} it is a set of points and has none.
 */
final class EmpiricalNoise implements NoiseDistribution {

    private final int d;
    private final double bandwidth;
    private final DataType type;
    private INDArray rows;        // [m, d]
    private Tensor rowsT;         // constant, [m, d]
    private Tensor rowNorms;      // [1, m]

    EmpiricalNoise(int d, double bandwidth, DataType type) {
        this.d = d;
        this.bandwidth = bandwidth;
        this.type = type;
    }

    @Override
    public void fit(Dataset data, RandomSource random) {
        set(data.train());
    }

    private void set(INDArray train) {
        if (train.rows() < 1 || train.columns() != d) {
            throw new IllegalArgumentException("empirical noise needs [m, " + d + "] rows, got " + java.util.Arrays.toString(train.shape()));
        }
        rows = train.castTo(type).dup();
        rowsT = Tensor.constant(rows);
        rowNorms = rowsT.square().sum(1).reshape(1, rows.rows());
    }

    private void checkFitted() {
        if (rows == null) {
            throw new IllegalStateException("the empirical noise is not fitted: fit() or restore() first");
        }
    }

    @Override
    public Tensor sample(int n, RandomSource random) {
        checkFitted();
        Tensor picked = Tensor.constant(Nd4j.pullRows(rows, 1, random.indices(n, rows.rows())));
        return bandwidth > 0 ? picked.add(random.normal(type, n, d).mul(bandwidth)) : picked;
    }

    @Override
    public Tensor logProb(Tensor x) {
        checkFitted();
        if (!(bandwidth > 0)) {
            throw new EbmException("empirical noise with bandwidth 0 is a set of points and has no density; "
                    + "give it a bandwidth > 0 where a density is needed (nce, --noise pictures)");
        }
        Tensor xs = x.castTo(type);
        // ‖x − xⱼ‖² = ‖x‖² − 2 x·xⱼ + ‖xⱼ‖², all pairs at once: [n, m]
        Tensor sq = xs.square().sum(1, true).sub(xs.matmul(rowsT.transpose()).mul(2)).add(rowNorms);
        double h2 = bandwidth * bandwidth;
        double norm = Math.log(rows.rows()) + 0.5 * d * Math.log(2 * Math.PI * h2);
        return sq.mul(-0.5 / h2).logSumExp(1, false).sub(norm);
    }

    @Override
    public int dimension() {
        return d;
    }

    @Override
    public Map<String, INDArray> state() {
        checkFitted();
        return Map.of("rows", rows.dup());
    }

    @Override
    public void restore(Map<String, INDArray> state) {
        set(state.get("rows"));
    }
}
