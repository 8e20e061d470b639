package org.ebm4j.plugins.evaluation;

import com.typesafe.config.Config;
import org.ebm4j.api.component.ComponentContext;
import org.ebm4j.api.component.SettingsReader;
import org.ebm4j.api.eval.Evaluator;
import org.ebm4j.api.eval.EvaluatorProvider;
import org.pf4j.Extension;

/** {@code evaluators = [{ type = fisher-divergence }]}: ½ E‖s_θ − ∇ log p_data‖² where the data's density is known. */
@Extension
public class FisherDivergenceProvider implements EvaluatorProvider {

    @Override
    public String name() {
        return "fisher-divergence";
    }

    @Override
    public String description() {
        return "Fisher divergence between the model and the data's known density (gaussian-mixture data, 8gaussians) on test rows";
    }

    @Override
    public Evaluator create(Config settings, ComponentContext context) {
        SettingsReader r = new SettingsReader();
        int chunk = r.intAtLeast(settings, "chunk", 1);
        r.throwIfAny();
        return new FisherDivergence(chunk);
    }
}
