package org.ebm4j.plugins.flow;

import com.typesafe.config.Config;
import java.util.List;
import org.ebm4j.api.component.ComponentContext;
import org.ebm4j.api.component.SettingsReader;
import org.ebm4j.api.noise.NoiseDistribution;
import org.ebm4j.api.noise.NoiseProvider;
import org.ebm4j.api.tensor.Tensor;
import org.pf4j.Extension;

/** {@code noise.type = flow-noise}: a RealNVP flow fitted by maximum likelihood. */
@Extension
public class FlowNoiseProvider implements NoiseProvider {

    @Override
    public String name() {
        return "flow-noise";
    }

    @Override
    public String description() {
        return "RealNVP normalizing flow (affine coupling layers, tanh-bounded scales) fitted to the data by maximum likelihood";
    }

    @Override
    public NoiseDistribution create(Config s, ComponentContext context) {
        int d = context.dimension();
        SettingsReader r = new SettingsReader();
        int layers = r.intAtLeast(s, "layers", 1);
        List<Integer> hidden = r.intList(s, "hidden", 1);
        double bound = r.positiveDouble(s, "scale-bound");
        SettingsReader f = r.under("fit");
        Config fs = r.read(s, "fit", () -> s.getConfig("fit"), null);
        MaximumLikelihoodFit fit = null;
        if (fs != null) {
            int steps = (int) f.longAtLeast(fs, "steps", 0);
            int batch = f.intAtLeast(fs, "batch-size", 1);
            double lr = f.positiveDouble(fs, "learning-rate");
            double validation = f.positiveDouble(fs, "validation-fraction");
            if (validation >= 1) {
                f.add(fs, "validation-fraction", "must be below 1, got " + validation);
            }
            int every = f.intAtLeast(fs, "eval-every", 1);
            int patience = f.intAtLeast(fs, "patience", 0);
            fit = new MaximumLikelihoodFit(steps, batch, lr, validation, every, patience);
        }
        if (d < 2) {
            r.add(s, "layers", "a coupling flow needs data of dimension 2 or more, the data has " + d);
        }
        r.throwIfAny();
        return new FlowNoise(new RealNvp(d, layers, hidden, bound, Tensor.DEFAULT_TYPE, context.random()), fit);
    }
}
