package org.ebm4j.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The small sweep the sweep tests run several ways, and the tables it prints. */
final class TinySweep {

    private TinySweep() {}

    /**
     * Writes the sweep file into {@code dir}: moons-dsm for 150 steps, as DSM and as SSM (a component replaced whole),
     * seeds 0 and 1: four points.
     */
    static Path write(Path dir) throws IOException {
        Path f = dir.resolve("tiny.conf");
        Files.writeString(f, """
                experiment = "%s"
                seeds = [0, 1]
                axes { "train.steps" = [150] }
                variants {
                  dsm {}
                  ssm { objective { type = ssm } }
                }
                metrics = [test-nll]
                """.formatted(Ebm.experiment("moons-dsm").replace("\\", "/")));
        return f;
    }

    /** The markdown tables a sweep prints: from the first heading to the end of the paired differences. */
    static List<String> table(String output) {
        List<String> lines = output.lines().toList();
        int from = lines.indexOf("### test-nll");
        assertThat(from).as("a test-nll table in:\n" + output).isGreaterThanOrEqualTo(0);
        return lines.subList(from, lines.size()).stream().takeWhile(l -> !l.contains("points finished")).toList();
    }
}
