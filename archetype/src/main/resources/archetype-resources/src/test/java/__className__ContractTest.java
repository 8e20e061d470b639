package ${package};

import org.ebm4j.api.component.ComponentProvider;
#if( $kind == "objective" )
import org.ebm4j.api.objective.Objective;
import org.ebm4j.testkit.ObjectiveContract;
#set( $type = "Objective" )
#set( $contract = "ObjectiveContract" )
#elseif( $kind == "sampler" )
import org.ebm4j.api.sampler.Sampler;
import org.ebm4j.testkit.SamplerContract;
#set( $type = "Sampler" )
#set( $contract = "SamplerContract" )
#elseif( $kind == "noise" )
import org.ebm4j.api.noise.NoiseDistribution;
import org.ebm4j.testkit.NoiseDistributionContract;
#set( $type = "NoiseDistribution" )
#set( $contract = "NoiseDistributionContract" )
#elseif( $kind == "model" )
import org.ebm4j.api.model.EnergyModel;
import org.ebm4j.testkit.EnergyModelContract;
#set( $type = "EnergyModel" )
#set( $contract = "EnergyModelContract" )
#elseif( $kind == "data" )
import org.ebm4j.api.data.DataSource;
import org.ebm4j.testkit.DataSourceContract;
#set( $type = "DataSource" )
#set( $contract = "DataSourceContract" )
#elseif( $kind == "listener" )
import org.ebm4j.api.training.TrainingListener;
import org.ebm4j.testkit.TrainingListenerContract;
#set( $type = "TrainingListener" )
#set( $contract = "TrainingListenerContract" )
#else
import org.ebm4j.api.eval.Evaluator;
import org.ebm4j.testkit.EvaluatorContract;
#set( $type = "Evaluator" )
#set( $contract = "EvaluatorContract" )
#end

/**
 * The contract every ${kind} passes, the built-in ones included. Add tests of your component's own known answers
 * next to it.
 */
class ${className}ContractTest extends ${contract} {

    @Override
    protected ComponentProvider<${type}> provider() {
        return new ${className}Provider();
    }
}
