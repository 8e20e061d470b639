package org.ebm4j.plugins.nce;

import java.util.Map;
import org.ebm4j.api.component.ComponentProvider;
import org.ebm4j.api.objective.Objective;
import org.ebm4j.testkit.ObjectiveContract;

/** FceProvider passes the testkit's ObjectiveContract. */
class FceContractTest extends ObjectiveContract {

    @Override
    protected ComponentProvider<Objective> provider() {
        return new FceProvider();
    }

    @Override
    protected String testSettings() {
        return "noise { type = flow-noise, layers = 2, hidden = [8], fit { steps = 0 } }";
    }

    @Override
    protected Map<ComponentProvider<?>, String> nestedProviders() {
        return Map.of(new org.ebm4j.plugins.flow.FlowNoiseProvider(), "noise");
    }
}
