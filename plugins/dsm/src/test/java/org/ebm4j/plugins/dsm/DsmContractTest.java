package org.ebm4j.plugins.dsm;

import org.ebm4j.api.component.ComponentProvider;
import org.ebm4j.api.objective.Objective;
import org.ebm4j.testkit.ObjectiveContract;

/** DsmProvider passes the testkit's ObjectiveContract. */
class DsmContractTest extends ObjectiveContract {

    @Override
    protected ComponentProvider<Objective> provider() {
        return new DsmProvider();
    }
}
