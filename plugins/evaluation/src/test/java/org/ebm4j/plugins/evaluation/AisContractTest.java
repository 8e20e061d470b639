package org.ebm4j.plugins.evaluation;

import java.util.Map;
import org.ebm4j.api.component.ComponentProvider;
import org.ebm4j.api.eval.Evaluator;
import org.ebm4j.testkit.EvaluatorContract;

/** AisProvider passes the testkit's EvaluatorContract. */
class AisContractTest extends EvaluatorContract {

    @Override
    protected ComponentProvider<Evaluator> provider() {
        return new AisProvider();
    }

    @Override
    protected String testSettings() {
        return "temperatures = 20, chains = 50, tune-chains = 20, reverse-chains = 50";
    }

    @Override
    protected Map<ComponentProvider<?>, String> nestedProviders() {
        return AisTest.NESTED;
    }
}
