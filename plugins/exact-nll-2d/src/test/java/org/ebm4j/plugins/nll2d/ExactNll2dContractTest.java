package org.ebm4j.plugins.nll2d;

import org.ebm4j.api.component.ComponentProvider;
import org.ebm4j.api.eval.Evaluator;
import org.ebm4j.testkit.EvaluatorContract;

/** ExactNll2dProvider passes the testkit's EvaluatorContract. */
class ExactNll2dContractTest extends EvaluatorContract {

    @Override
    protected ComponentProvider<Evaluator> provider() {
        return new ExactNll2dProvider();
    }
}
