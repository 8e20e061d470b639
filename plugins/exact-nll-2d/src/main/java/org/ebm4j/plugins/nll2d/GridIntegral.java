package org.ebm4j.plugins.nll2d;

import org.ebm4j.api.model.EnergyModel;
import org.ebm4j.api.tensor.Tensor;
import org.ebm4j.api.tensor.TensorScope;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code log Z = log ∫ exp(-E)} over the square {@code [lo, hi]²} by a Riemann sum on a {@code res × res} grid
 * (end points included, cell area {@code ((hi - lo) / (res - 1))²}), as the PyTorch reference computes it.
 */
public record GridIntegral(double lo, double hi, int resolution, double[] energies, double logZ) {

    private static final int CHUNK = 65_536;

    public static GridIntegral of(EnergyModel model, double lo, double hi, int resolution) {
        double step = (hi - lo) / (resolution - 1);
        int total = resolution * resolution;
        double[] energies = new double[total];
        for (int start = 0; start < total; start += CHUNK) {
            int count = Math.min(CHUNK, total - start);
            double[] points = new double[2 * count];
            for (int k = 0; k < count; k++) {
                int index = start + k;
                points[2 * k] = lo + step * (index / resolution);     // x varies slowest (meshgrid "ij")
                points[2 * k + 1] = lo + step * (index % resolution);
            }
            try (TensorScope ignored = TensorScope.open()) {
                INDArray grid = Nd4j.create(points, new long[] {count, 2}, DataType.DOUBLE).castTo(model.dataType());
                double[] e = model.energy(Tensor.adopt(grid)).toDoubleArray();
                System.arraycopy(e, 0, energies, start, count);
            }
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double e : energies) {
            max = Math.max(max, -e);
        }
        double sum = 0;
        for (double e : energies) {
            sum += Math.exp(-e - max);
        }
        double logZ = max + Math.log(sum) + 2 * Math.log(step);
        return new GridIntegral(lo, hi, resolution, energies, logZ);
    }

    /** The model density {@code exp(-E - log Z)} at grid point (i, j): x index i, y index j. */
    public double density(int i, int j) {
        return Math.exp(-energies[i * resolution + j] - logZ);
    }
}
