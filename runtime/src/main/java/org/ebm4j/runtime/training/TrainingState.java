package org.ebm4j.runtime.training;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ebm4j.api.EbmException;
import org.ebm4j.runtime.config.UsageException;
import org.ebm4j.api.model.EnergyModel;
import org.ebm4j.api.objective.Objective;
import org.ebm4j.api.optim.Optimizer;
import org.ebm4j.api.optim.OptimizerSpec;
import org.ebm4j.api.optim.OptimizerState;
import org.ebm4j.api.param.Parameters;
import org.ebm4j.runtime.experiment.RandomStreams;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The one home of what a checkpoint holds and how it is put back: the parameter groups by name (the model's,
 * {@code model}, then the objective's {@code parameterGroups()}), one optimiser per group, the random streams and the
 * objective's own state (a replay buffer, a fitted noise). Training, resuming, sampling and evaluating all restore
 * through it, so they agree on what a checkpoint means.
 */
public final class TrainingState {

    /** What to put back from a checkpoint. */
    public enum Scope {
        /** The model's parameters: enough to sample or evaluate the model. */
        MODEL,
        /** The model's and the objective's parameters and the objective's state: its noise, its buffer. */
        COMPONENTS,
        /** Everything, optimisers and random streams too: a run continues exactly. */
        ALL
    }

    private final Map<String, Parameters> groups = new LinkedHashMap<>();
    private final Map<Parameters, String> names = new IdentityHashMap<>();
    private final Map<String, Optimizer> optimizers = new LinkedHashMap<>();
    private final Optional<Objective> objective;
    private final RandomStreams streams;

    /**
     * The state of {@code model} and {@code objective}; with an optimiser spec, one optimiser per non-empty group
     * (training), without, none (sampling, evaluating).
     */
    public TrainingState(EnergyModel model, Optional<Objective> objective, RandomStreams streams, Optional<OptimizerSpec> optimizer) {
        this.objective = objective;
        this.streams = streams;
        add("model", model.parameters(), optimizer);
        objective.ifPresent(o -> o.parameterGroups().forEach((name, p) -> {
            if (name.equals("model")) {
                throw new EbmException("The objective calls one of its parameter groups 'model', the energy model's name");
            }
            add(name, p, optimizer);
        }));
    }

    private void add(String name, Parameters p, Optional<OptimizerSpec> optimizer) {
        if (p.isEmpty() || names.containsKey(p)) {
            return;
        }
        groups.put(name, p);
        names.put(p, name);
        optimizer.ifPresent(spec -> optimizers.put(name, new Optimizer(spec, List.of(p))));
    }

    /** The non-empty parameter groups by name, in checkpoint order. */
    public Map<String, Parameters> groups() {
        return Collections.unmodifiableMap(groups);
    }

    public Optimizer optimizer(String group) {
        return optimizers.get(group);
    }

    /**
     * The name of a group a loss moves. A loss that moves parameters the model and the objective did not declare
     * would train them without checkpointing them, so a resumed run would silently lose them: that is an error.
     */
    public String nameOf(Parameters p, String loss) {
        String name = names.get(p);
        if (name == null) {
            throw new EbmException("Loss '" + loss + "' moves parameters (" + p + ") that are neither the model's nor in the "
                    + "objective's parameterGroups(): declare them there, so they get an optimiser and are checkpointed");
        }
        return name;
    }

    /** A checkpoint of the current state. */
    public Checkpoint checkpoint(long step, String config, Map<String, Object> provenance) {
        Map<String, INDArray> params = new LinkedHashMap<>();
        Map<String, OptimizerState> states = new LinkedHashMap<>();
        groups.forEach((name, p) -> {
            params.put(name, p.snapshot());
            Optimizer o = optimizers.get(name);
            if (o != null) {
                states.put(name, o.state());
            }
        });
        Map<String, INDArray> objectiveState = new LinkedHashMap<>();
        objective.ifPresent(o -> o.state().forEach((k, v) -> objectiveState.put(k, v.dup())));
        return new Checkpoint(step, params, states, streams.states(), config, objectiveState, provenance);
    }

    /** Puts back what {@code scope} covers; a group the checkpoint lacks is an error naming what it has. */
    public void restore(Checkpoint c, Scope scope) {
        for (Map.Entry<String, Parameters> e : groups.entrySet()) {
            String name = e.getKey();
            if (scope == Scope.MODEL && !name.equals("model")) {
                continue;
            }
            INDArray values = c.parameters().get(name);
            if (values == null) {
                throw new UsageException("The checkpoint has no parameters for group '" + name + "'; it has " + c.parameters().keySet()
                        + ": it was written by another experiment (was config.conf edited?)");
            }
            if (values.length() != e.getValue().size()) {
                throw new UsageException("The checkpoint's group '" + name + "' has " + values.length() + " values, but the "
                        + "experiment's has " + e.getValue().size() + ": the model or objective in the configuration is not the one "
                        + "that was trained (was config.conf edited?). Undo the edit, or start a new run");
            }
            e.getValue().assign(values);
            Optimizer o = optimizers.get(name);
            if (scope == Scope.ALL && o != null) {
                OptimizerState saved = c.optimizers().get(name);
                if (saved == null) {
                    throw new UsageException("The checkpoint has no optimiser state for group '" + name + "' (was the optimiser "
                            + "changed in config.conf?)");
                }
                try {
                    o.restore(saved);
                } catch (IllegalArgumentException ex) {
                    throw new UsageException("The checkpoint's optimiser state of group '" + name + "' does not fit this "
                            + "experiment: " + ex.getMessage() + " (was config.conf edited?)");
                }
            }
        }
        if (scope != Scope.MODEL) {
            try {
                objective.ifPresent(o -> o.restore(c.objectiveState()));
            } catch (IllegalArgumentException | IllegalStateException ex) {
                throw new UsageException("The checkpoint's objective state does not fit this experiment: " + ex.getMessage()
                        + " (was config.conf edited?)");
            }
        }
        if (scope == Scope.ALL) {
            streams.restore(c.random());
        }
    }

    /** Copies of every group's values, e.g. the best parameters early stopping keeps. */
    public List<INDArray> snapshot() {
        List<INDArray> copies = new ArrayList<>();
        groups.values().forEach(p -> copies.add(p.snapshot()));
        return copies;
    }

    /** Puts back a {@link #snapshot()}. */
    public void assign(List<INDArray> snapshot) {
        int i = 0;
        for (Parameters p : groups.values()) {
            p.assign(snapshot.get(i++));
        }
    }
}
