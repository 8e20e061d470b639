package org.ebm4j.plugins.nce;

import java.util.Map;
import org.ebm4j.api.component.ComponentProvider;
import org.ebm4j.api.objective.Objective;
import org.ebm4j.testkit.ObjectiveContract;

/** NceProvider passes the testkit's ObjectiveContract. */
class NceContractTest extends ObjectiveContract {

    @Override
    protected ComponentProvider<Objective> provider() {
        return new NceProvider();
    }

    @Override
    protected String testSettings() {
        return "noise-ratio = 2";
    }

    @Override
    protected Map<ComponentProvider<?>, String> nestedProviders() {
        return Map.of(new org.ebm4j.plugins.noise.GaussianNoiseProvider(), "noise");
    }
}
