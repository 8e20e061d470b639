package org.ebm4j.plugins.nce;

import com.typesafe.config.Config;
import org.ebm4j.api.component.ComponentContext;
import org.ebm4j.api.component.SettingsReader;
import org.ebm4j.api.noise.NoiseDistribution;
import org.ebm4j.api.objective.Objective;
import org.ebm4j.api.objective.ObjectiveProvider;
import org.pf4j.Extension;

/** {@code objective.type = nce}: noise contrastive estimation against a fixed noise distribution chosen by name. */
@Extension
public class NceProvider implements ObjectiveProvider {

    @Override
    public String name() {
        return "nce";
    }

    @Override
    public String description() {
        return "Noise contrastive estimation: logistic loss of data against a noise distribution by name; learns c = log Z";
    }

    @Override
    public Objective create(Config s, ComponentContext context) {
        return create(s, context, false);
    }

    /** Shared with {@code fce}, which differs only in that the noise's parameters ascend the loss. */
    static Objective create(Config s, ComponentContext context, boolean adversarial) {
        SettingsReader r = new SettingsReader();
        int ratio = r.intAtLeast(s, "noise-ratio", 1);
        double cInit = r.finiteDouble(s, "c-init");
        int evalEvery = adversarial ? r.intAtLeast(s, "noise-eval-every", 0) : 0;
        r.throwIfAny();
        NoiseDistribution noise = context.create(NoiseDistribution.class, "noise");
        if (noise.dimension() != context.dimension()) {
            r.add(s, "noise", "the noise has dimension " + noise.dimension() + " but the data has " + context.dimension());
        }
        if (adversarial && noise.parameters().isEmpty()) {
            r.add(s, "noise", "FCE trains the noise, but noise '" + s.getString("noise.type")
                    + "' has no parameters; use a flow (flow-noise), or nce for fixed noise");
        }
        r.throwIfAny();
        return new NoiseContrastiveEstimation(noise, ratio, cInit, adversarial, evalEvery, context.random());
    }
}
