package org.ebm4j.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ErrorsTest {

    @Test
    void unknownComponentListsWhatExistsAndSuggestsTheClosest() {
        var e = new UnknownComponentException("objective", "dms", List.of("ssm", "dsm", "nce", "cd"));
        assertThat(e.getMessage()).isEqualTo("Unknown objective 'dms' (did you mean 'dsm'?); available: cd, dsm, nce, ssm");
        var far = new UnknownComponentException("sampler", "hamiltonian", List.of("ula", "mala"));
        assertThat(far.getMessage()).doesNotContain("did you mean").contains("available: mala, ula");
        assertThat(new UnknownComponentException("model", "mlp", List.of()).getMessage()).contains("plugins folder");
    }

    @Test
    void configErrorsNameKeyOriginAndReasonAndCollectEveryProblem() {
        var e = new ConfigException(List.of(
                new ConfigException.Problem("objective.sigma", "exp.conf: 12", "must be > 0, got -1"),
                new ConfigException.Problem("train.batch-size", "exp.conf: 3", "must be >= 1, got 0")));
        assertThat(e.getMessage()).contains("2 problems").contains("exp.conf: 12: objective.sigma: must be > 0, got -1")
                .contains("train.batch-size");
        assertThat(e.problems()).hasSize(2);
    }

    @Test
    void spiVersionIsTheArtifactVersion() {
        assertThat(SpiVersion.current()).matches("\\d+\\.\\d+\\.\\d+");
    }
}
