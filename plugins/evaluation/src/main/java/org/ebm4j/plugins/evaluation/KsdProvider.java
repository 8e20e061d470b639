package org.ebm4j.plugins.evaluation;

import com.typesafe.config.Config;
import org.ebm4j.api.component.ComponentContext;
import org.ebm4j.api.component.SettingsReader;
import org.ebm4j.api.eval.Evaluator;
import org.ebm4j.api.eval.EvaluatorProvider;
import org.pf4j.Extension;

/** {@code evaluators = [{ type = ksd }]}: kernel Stein discrepancy of the model on the test data, from its score alone. */
@Extension
public class KsdProvider implements EvaluatorProvider {

    @Override
    public String name() {
        return "ksd";
    }

    @Override
    public String description() {
        return "Kernel Stein discrepancy (IMQ kernel) of the model on test data, from the score alone, with a wild-bootstrap p-value";
    }

    @Override
    public Evaluator create(Config settings, ComponentContext context) {
        SettingsReader r = new SettingsReader();
        int points = r.intAtLeast(settings, "points", 4);
        double c = r.positiveDouble(settings, "c");
        double beta = r.finiteDouble(settings, "beta");
        if (!(beta < 0 && beta > -1)) {
            r.add(settings, "beta", "must lie in (−1, 0) for the IMQ kernel to be characteristic, got " + beta);
        }
        int bootstrap = r.intAtLeast(settings, "bootstrap", 0);
        r.throwIfAny();
        return new Ksd(new Ksd.Settings(points, c, beta, bootstrap));
    }
}
