package org.ebm4j.plugins.ssm;

import org.ebm4j.api.component.ComponentProvider;
import org.ebm4j.api.objective.Objective;
import org.ebm4j.testkit.ObjectiveContract;

/** SsmProvider passes the testkit's ObjectiveContract. */
class SsmContractTest extends ObjectiveContract {

    @Override
    protected ComponentProvider<Objective> provider() {
        return new SsmProvider();
    }
}
