package org.ebm4j.integration;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * On trained 2-D models, where the grid integral gives log Z exactly, AIS's forward estimate of log Z agrees with it
 * within max(3 standard errors, 0.02 nats) and the reverse (RAISE) estimate lies above it, by at most 0.1 nats: DSM,
 * NCE and PCD on 8gaussians and moons, trained briefly (the agreement does not depend on how good the model is) from
 * the shipped experiment files, as a user runs them.
 */
class AisAgreesWithExactNllIT {

    private static final String EVALUATORS = "evaluators = [{ type = ais, temperatures = 200, chains = 200, reverse-chains = 200, "
            + "tune-chains = 50 }, { type = exact-nll-2d, samples = 0, plots = false }]";

    @TempDir
    Path runs;

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource({
        "8gaussians-dsm, 8gaussians",
        "8gaussians-nce, 8gaussians",
        "8gaussians-pcd, 8gaussians",
        "moons-dsm, moons",
        "8gaussians-nce, moons",
        "8gaussians-pcd, moons",
    })
    void aisBracketsTheGridIntegral(String experiment, String dataset) throws IOException, InterruptedException {
        Ebm.Result run = Ebm.run(runs, "run", Ebm.experiment(experiment), "--out", runs.toString(),
                "--set", "data.dataset=" + dataset, "--set", "data.train-size=5000", "--set", "data.test-size=2000",
                "--set", "train.steps=400", "--set", "train.log-every=200", "--set", "train.checkpoint-every=400",
                "--set", "sampler.steps=10", "--set", EVALUATORS);
        assertThat(run.exitCode()).as(run.output()).isZero();
        JsonNode evaluation = run.summary().get("evaluation");
        JsonNode ais = evaluation.get("ais");
        JsonNode exact = evaluation.get("exact-nll-2d");
        double logZ = exact.get("log-z").asDouble();
        System.out.printf(Locale.ROOT, "%s on %s: exact log Z %.4f, AIS forward %.4f ± %.4f (ESS %.0f), reverse %.4f ± %.4f%n",
                experiment, dataset, logZ, ais.get("log-z").asDouble(), ais.get("log-z/se").asDouble(), ais.get("log-z/ess").asDouble(),
                ais.get("log-z/upper").asDouble(), ais.get("log-z/upper-se").asDouble());
        assertThat(exact.get("reliable").asDouble()).as("the grid integral is exact for this model").isEqualTo(1.0);
        assertThat(ais.get("log-z").asDouble()).as("forward AIS")
                .isCloseTo(logZ, org.assertj.core.api.Assertions.within(Math.max(3 * ais.get("log-z/se").asDouble(), 0.02)));
        double upperSe = ais.get("log-z/upper-se").asDouble();
        assertThat(ais.get("log-z/upper").asDouble()).as("reverse AIS (RAISE) is an upper bound, and not a loose one")
                .isBetween(logZ - 3 * upperSe, logZ + 0.1 + 3 * upperSe);
        assertThat(ais.get("test-nll/lower").asDouble() - ais.get("log-z").asDouble())
                .as("both report the test NLL as mean test energy + log Z")
                .isCloseTo(exact.get("test-nll").asDouble() - logZ, org.assertj.core.api.Assertions.within(1e-4));
    }
}
