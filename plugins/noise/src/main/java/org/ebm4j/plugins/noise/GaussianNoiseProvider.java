package org.ebm4j.plugins.noise;

import com.typesafe.config.Config;
import java.util.Optional;
import org.ebm4j.api.component.ComponentContext;
import org.ebm4j.api.component.SettingsReader;
import org.ebm4j.api.noise.NoiseDistribution;
import org.ebm4j.api.noise.NoiseProvider;
import org.ebm4j.api.tensor.Cholesky;
import org.ebm4j.api.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pf4j.Extension;

/** {@code noise.type = gaussian}: full covariance, fitted to the data or given. */
@Extension
public class GaussianNoiseProvider implements NoiseProvider {

    @Override
    public String name() {
        return "gaussian";
    }

    @Override
    public String description() {
        return "Gaussian noise with the data's mean and full covariance (or given ones), widened by scale";
    }

    @Override
    public NoiseDistribution create(Config s, ComponentContext context) {
        int d = context.dimension();
        SettingsReader r = new SettingsReader();
        double scale = r.positiveDouble(s, "scale");
        double[] mean = r.doubles(s, "mean");
        double[][] covariance = r.matrix(s, "covariance");
        r.throwIfAny();
        Optional<INDArray> givenMean = Optional.empty();
        Optional<INDArray> givenCovariance = Optional.empty();
        if (mean.length != 0) {
            if (mean.length != d) {
                r.add(s, "mean", "has " + mean.length + " entries but the data has dimension " + d);
            } else {
                givenMean = Optional.of(Nd4j.createFromArray(mean).reshape(1, d));
            }
        }
        if (covariance.length != 0) {
            givenCovariance = positiveDefinite(r, s, "covariance", covariance, d);
        }
        r.throwIfAny();
        return new GaussianNoise(d, false, scale, givenMean, givenCovariance, Tensor.DEFAULT_TYPE);
    }

    /** A symmetric positive-definite {@code d×d} matrix, or empty with the reason recorded against {@code key}. */
    static Optional<INDArray> positiveDefinite(SettingsReader r, Config s, String key, double[][] rows, int d) {
        if (rows.length != d || java.util.Arrays.stream(rows).anyMatch(row -> row.length != d)) {
            r.add(s, key, "must be a " + d + "x" + d + " matrix (list of rows)");
            return Optional.empty();
        }
        INDArray m = Nd4j.createFromArray(rows).castTo(DataType.DOUBLE);
        if (!m.equalsWithEps(m.transpose(), 1e-12)) {
            r.add(s, key, "must be symmetric");
            return Optional.empty();
        }
        try {
            Cholesky.lower(m);
            return Optional.of(m);
        } catch (IllegalArgumentException e) {
            r.add(s, key, "must be positive definite: " + e.getMessage());
            return Optional.empty();
        }
    }
}
