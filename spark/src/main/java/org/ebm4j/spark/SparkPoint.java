package org.ebm4j.spark;

import java.io.Serializable;
import java.util.List;
import org.ebm4j.runtime.sweep.SweepSpec;

/**
 * A sweep point as a Spark task receives it: plain strings, since {@link java.nio.file.Path} does not serialise.
 *
 * @param experiment the experiment file: relative to the distribution's folder when it lies in it (so an executor finds
 *                   it in its own copy), else absolute (then executors must see the same path)
 */
public record SparkPoint(String name, String label, String variant, long seed, String experiment, List<String> overrides)
        implements Serializable {

    public SparkPoint {
        overrides = List.copyOf(overrides);
    }

    /** The point, with its experiment made relative to {@code home} when it lies in it. */
    static SparkPoint of(SweepSpec.Point p, java.nio.file.Path home) {
        java.nio.file.Path experiment = p.experiment().toAbsolutePath().normalize();
        java.nio.file.Path base = home.toAbsolutePath().normalize();
        String file = experiment.startsWith(base) ? base.relativize(experiment).toString() : experiment.toString();
        return new SparkPoint(p.name(), p.label(), p.variant(), p.seed(), file, p.overrides());
    }
}
