package org.ebm4j.plugins.evaluation;

import org.ebm4j.api.component.ComponentProvider;
import org.ebm4j.api.eval.Evaluator;
import org.ebm4j.testkit.EvaluatorContract;

/** KsdProvider passes the testkit's EvaluatorContract. */
class KsdContractTest extends EvaluatorContract {

    @Override
    protected ComponentProvider<Evaluator> provider() {
        return new KsdProvider();
    }

    @Override
    protected String testSettings() {
        return "points = 200, bootstrap = 50";
    }
}
