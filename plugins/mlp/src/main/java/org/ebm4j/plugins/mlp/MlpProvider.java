package org.ebm4j.plugins.mlp;

import com.typesafe.config.Config;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.ebm4j.api.component.ComponentContext;
import org.ebm4j.api.component.SettingsReader;
import org.ebm4j.api.model.EnergyModel;
import org.ebm4j.api.model.EnergyModelProvider;
import org.ebm4j.api.model.NoiseConditionalEnergy;
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

    static final List<String> CONDITIONING = List.of("none", "scale", "input");

    @Override
    public String name() {
        return "mlp";
    }

    @Override
    public String description() {
        return "Multilayer perceptron energy d -> hidden... -> 1 (silu, softplus, tanh or elu); optionally noise-conditional";
    }

    @Override
    public EnergyModel create(Config settings, ComponentContext context) {
        SettingsReader r = new SettingsReader();
        List<Integer> hidden = r.intList(settings, "hidden", 1);
        String activation = r.oneOf(settings, "activation", ACTIVATIONS.keySet().stream().sorted().toList());
        String initName = r.oneOf(settings, "init", Init.names());
        String biasInitName = r.oneOf(settings, "bias-init", Init.names());
        String conditioning = r.oneOf(settings, "conditioning", CONDITIONING);
        double evaluationSigma = r.positiveDouble(settings, "evaluation-sigma");
        r.throwIfAny();
        int d = context.dimension();
        UnaryOperator<Tensor> phi = ACTIVATIONS.get(activation);
        Init init = Init.byName(initName);
        Init biasInit = Init.byName(biasInitName);
        return switch (conditioning) {
            case "scale" -> NoiseConditionalEnergy.scaled(new MlpEnergy(d, hidden, phi, init, biasInit, context.random()), evaluationSigma);
            case "input" -> new SigmaInputMlpEnergy(new MlpEnergy(d + 1, hidden, phi, init, biasInit, context.random()), evaluationSigma);
            default -> new MlpEnergy(d, hidden, phi, init, biasInit, context.random());
        };
    }
}
