package org.ebm4j.plugins.nce;

import com.typesafe.config.Config;
import org.ebm4j.api.component.ComponentContext;
import org.ebm4j.api.objective.Objective;
import org.ebm4j.api.objective.ObjectiveProvider;
import org.pf4j.Extension;

/** {@code objective.type = fce}: flow contrastive estimation; the EBM and c minimise the NCE loss, the flow maximises it. */
@Extension
public class FceProvider implements ObjectiveProvider {

    @Override
    public String name() {
        return "fce";
    }

    @Override
    public String description() {
        return "Flow contrastive estimation: NCE whose flow noise is trained to maximise the loss the EBM minimises";
    }

    @Override
    public Objective create(Config s, ComponentContext context) {
        return NceProvider.create(s, context, true);
    }
}
