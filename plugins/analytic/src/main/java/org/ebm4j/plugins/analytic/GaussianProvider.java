package org.ebm4j.plugins.analytic;

import com.typesafe.config.Config;
import java.util.List;
import org.ebm4j.api.ConfigException;
import org.ebm4j.api.component.ComponentContext;
import org.ebm4j.api.component.SettingsReader;
import org.ebm4j.api.model.EnergyModel;
import org.ebm4j.api.model.EnergyModelProvider;
import org.ebm4j.api.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pf4j.Extension;

/** {@code model.type = gaussian}: a Gaussian energy with a Cholesky-parameterised precision, learnable or fixed. */
@Extension
public class GaussianProvider implements EnergyModelProvider {

    @Override
    public String name() {
        return "gaussian";
    }

    @Override
    public String description() {
        return "Gaussian energy 1/2 (x-mu)' Lambda (x-mu); mean and precision learnable or fixed; log Z known";
    }

    @Override
    public EnergyModel create(Config s, ComponentContext context) {
        int d = context.dimension();
        SettingsReader r = new SettingsReader();
        List<Double> mean = r.read(s, "mean", () -> s.getDoubleList("mean"), List.of());
        List<? extends List<Double>> precision = r.read(s, "precision", () -> s.getList("precision").stream()
                .map(v -> ((List<?>) v.unwrapped()).stream().map(o -> ((Number) o).doubleValue()).toList()).toList(), List.of());
        boolean learnMean = r.bool(s, "learn-mean");
        boolean learnPrecision = r.bool(s, "learn-precision");
        if (!mean.isEmpty() && mean.size() != d) {
            r.add(s, "mean", "has " + mean.size() + " entries but the data has dimension " + d);
        }
        if (!precision.isEmpty() && (precision.size() != d || precision.stream().anyMatch(row -> row.size() != d))) {
            r.add(s, "precision", "must be a " + d + "x" + d + " matrix (list of rows)");
        }
        r.throwIfAny();
        INDArray mu = mean.isEmpty() ? Nd4j.zeros(DataType.DOUBLE, d)
                : Nd4j.createFromArray(mean.stream().mapToDouble(Double::doubleValue).toArray());
        INDArray lambda = precision.isEmpty() ? Nd4j.eye(d).castTo(DataType.DOUBLE)
                : Nd4j.createFromArray(precision.stream().map(row -> row.stream().mapToDouble(Double::doubleValue).toArray()).toArray(double[][]::new));
        if (!lambda.equalsWithEps(lambda.transpose(), 1e-12)) {
            throw new ConfigException("precision", SettingsReader.originOf(s, "precision"), "must be symmetric");
        }
        try {
            return new GaussianEnergy(mu, lambda, learnMean, learnPrecision, Tensor.DEFAULT_TYPE);
        } catch (RuntimeException e) {
            throw new ConfigException("precision", SettingsReader.originOf(s, "precision"), "must be positive definite (" + e.getMessage() + ")");
        }
    }
}
