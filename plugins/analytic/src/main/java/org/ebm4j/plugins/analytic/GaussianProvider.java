package org.ebm4j.plugins.analytic;

import com.typesafe.config.Config;
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
        double[] mean = r.doubles(s, "mean");
        double[][] precision = r.matrix(s, "precision");
        boolean learnMean = r.bool(s, "learn-mean");
        boolean learnPrecision = r.bool(s, "learn-precision");
        if (mean.length != 0 && mean.length != d) {
            r.add(s, "mean", "has " + mean.length + " entries but the data has dimension " + d);
        }
        INDArray lambda = Nd4j.eye(d).castTo(DataType.DOUBLE);
        if (precision.length != 0) {
            lambda = r.positiveDefinite(s, "precision", precision, d);
        }
        r.throwIfAny();
        INDArray mu = mean.length == 0 ? Nd4j.zeros(DataType.DOUBLE, d) : Nd4j.createFromArray(mean);
        return new GaussianEnergy(mu, lambda, learnMean, learnPrecision, Tensor.DEFAULT_TYPE);
    }
}
