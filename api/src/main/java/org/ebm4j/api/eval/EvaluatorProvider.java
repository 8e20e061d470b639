package org.ebm4j.api.eval;

import org.ebm4j.api.component.ComponentProvider;
import org.pf4j.ExtensionPoint;

/** Creates evaluators by name ({@code evaluators = [{ type = ... }]} in an experiment). */
public interface EvaluatorProvider extends ComponentProvider<Evaluator>, ExtensionPoint {}
