package com.example.snce;

import org.ebm4j.api.component.ComponentProvider;
import org.ebm4j.api.objective.Objective;
import org.ebm4j.testkit.ObjectiveContract;

/** The same contract every built-in objective passes: name, documented settings, determinism, finite and correct gradients. */
class SelfNormalisedNceContractTest extends ObjectiveContract {

    @Override
    protected ComponentProvider<Objective> provider() {
        return new SelfNormalisedNceProvider();
    }
}
