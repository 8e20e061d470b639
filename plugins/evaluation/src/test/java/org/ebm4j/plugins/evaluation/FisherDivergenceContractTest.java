package org.ebm4j.plugins.evaluation;

import org.ebm4j.api.component.ComponentProvider;
import org.ebm4j.api.eval.Evaluator;
import org.ebm4j.testkit.EvaluatorContract;

/** FisherDivergenceProvider passes the testkit's EvaluatorContract. */
class FisherDivergenceContractTest extends EvaluatorContract {

    @Override
    protected ComponentProvider<Evaluator> provider() {
        return new FisherDivergenceProvider();
    }
}
