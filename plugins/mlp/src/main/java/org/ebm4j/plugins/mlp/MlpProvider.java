package org.ebm4j.plugins.mlp;

import com.typesafe.config.Config;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.ebm4j.api.component.ComponentContext;
import org.ebm4j.api.component.SettingsReader;
import org.ebm4j.api.model.EnergyModel;
import org.ebm4j.api.model.EnergyModelProvider;
import org.ebm4j.api.param.Init;
import org.ebm4j.api.tensor.Tensor;
import org.pf4j.Extension;

/** {@code model.type = mlp}: an MLP energy with configurable hidden sizes, activation and initialisation. */
@Extension
public class MlpProvider implements EnergyModelProvider {

    static final Map<String, UnaryOperator<Tensor>> ACTIVATIONS = Map.of(
            "silu", Tensor::silu,
            "softplus", Tensor::softplus,
            "tanh", Tensor::tanh,
            "elu", t -> t.elu(1.0));

    @Override
    public String name() {
        return "mlp";
    }

    @Override
    public String description() {
        return "Multilayer perceptron energy d -> hidden... -> 1 (silu, softplus, tanh or elu)";
    }

    @Override
    public EnergyModel create(Config settings, ComponentContext context) {
        SettingsReader r = new SettingsReader();
        List<Integer> hidden = r.intList(settings, "hidden", 1);
        String activation = r.oneOf(settings, "activation", ACTIVATIONS.keySet().stream().sorted().toList());
        String initName = r.oneOf(settings, "init", Init.names());
        r.throwIfAny();
        return new MlpEnergy(context.dimension(), hidden, ACTIVATIONS.get(activation), Init.byName(initName), context.random());
    }
}
