package org.ebm4j.plugins.noise;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.ebm4j.api.data.Dataset;
import org.ebm4j.api.noise.NoiseDistribution;
import org.ebm4j.api.random.RandomSource;
import org.ebm4j.api.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code N(m, s² S)}: the data's mean and covariance (full, or only its diagonal), or a given mean and covariance,
 * widened by {@code scale} — closer to or further from the data, which is what NCE's efficiency depends on.
 */
final class GaussianNoise implements NoiseDistribution {

    private final int d;
    private final boolean diagonal;
    private final double scale;
    private final Optional<INDArray> givenMean;
    private final Optional<INDArray> givenCovariance;
    private final DataType type;
    private GaussianComponent gaussian;

    GaussianNoise(int d, boolean diagonal, double scale, Optional<INDArray> givenMean, Optional<INDArray> givenCovariance, DataType type) {
        this.d = d;
        this.diagonal = diagonal;
        this.scale = scale;
        this.givenMean = givenMean;
        this.givenCovariance = givenCovariance;
        this.type = type;
        if (givenMean.isPresent() && givenCovariance.isPresent()) {
            gaussian = new GaussianComponent(givenMean.get(), givenCovariance.get().mul(scale * scale), type);
        }
    }

    @Override
    public void fit(Dataset data, RandomSource random) {
        INDArray x = data.train().castTo(DataType.DOUBLE);
        INDArray mean = givenMean.orElseGet(() -> x.mean(true, 0));
        INDArray covariance = givenCovariance.orElseGet(() -> {
            INDArray c = x.subRowVector(x.mean(true, 0));
            INDArray full = c.transpose().mmul(c).divi(Math.max(1, x.rows() - 1));
            return diagonal ? Nd4j.diag(Nd4j.diag(full)) : full;
        });
        // a tiny ridge keeps the factorisation defined for constant coordinates (image borders)
        double ridge = 1e-6 * Math.max(1e-12, Nd4j.diag(covariance).meanNumber().doubleValue());
        INDArray widened = covariance.mul(scale * scale).addi(Nd4j.eye(d).castTo(DataType.DOUBLE).muli(ridge));
        gaussian = new GaussianComponent(mean, widened, type);
    }

    private GaussianComponent gaussian() {
        if (gaussian == null) {
            throw new IllegalStateException("the Gaussian noise is not fitted: fit() or restore() first");
        }
        return gaussian;
    }

    @Override
    public Tensor sample(int n, RandomSource random) {
        return gaussian().transform(random.normal(type, n, d));
    }

    @Override
    public Tensor logProb(Tensor x) {
        return gaussian().logDensity(x).reshape(x.rows()); // in this noise's data type
    }

    @Override
    public int dimension() {
        return d;
    }

    @Override
    public Map<String, INDArray> state() {
        Map<String, INDArray> s = new LinkedHashMap<>();
        s.put("mean", gaussian().mean.dup());
        s.put("covariance", gaussian().covariance.dup());
        return s;
    }

    @Override
    public void restore(Map<String, INDArray> state) {
        gaussian = new GaussianComponent(state.get("mean"), state.get("covariance"), type);
    }

    /** The covariance in use (after widening), for tests and reports. */
    INDArray covariance() {
        return gaussian().covariance.dup();
    }
}
