package org.ebm4j.plugins.exactsm;

import org.ebm4j.api.component.ComponentProvider;
import org.ebm4j.api.objective.Objective;
import org.ebm4j.testkit.ObjectiveContract;

/** ExactSmProvider passes the testkit's ObjectiveContract. */
class ExactSmContractTest extends ObjectiveContract {

    @Override
    protected ComponentProvider<Objective> provider() {
        return new ExactSmProvider();
    }
}
