package org.ebm4j.plugins.evaluation;

import org.ebm4j.api.component.ComponentProvider;
import org.ebm4j.api.eval.Evaluator;
import org.ebm4j.testkit.EvaluatorContract;

/** MmdProvider passes the testkit's EvaluatorContract. */
class MmdContractTest extends EvaluatorContract {

    @Override
    protected ComponentProvider<Evaluator> provider() {
        return new MmdProvider();
    }

    @Override
    protected String testSettings() {
        return "samples = 200, permutations = 20, sampler { steps = 50, warmup = 20 }";
    }

    @Override
    protected java.util.Map<ComponentProvider<?>, String> nestedProviders() {
        return AisTest.NESTED;
    }
}
