package org.ebm4j.integration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the built distribution's {@code bin/ebm} as a user would, in its own process. */
final class Ebm {

    private static final Path HOME = Path.of(System.getProperty("ebm4j.home", "../distribution/target/ebm4j")).toAbsolutePath().normalize();
    private static final long TIMEOUT_MINUTES = 5;

    /** What a command did: its exit code, everything it printed, and the run folder it named, if any. */
    record Result(int exitCode, String output) {

        Path runFolder() {
            return output.lines().filter(l -> l.startsWith("run folder: ")).map(l -> Path.of(l.substring("run folder: ".length()).trim()))
                    .reduce((first, last) -> last).orElseThrow(() -> new AssertionError("no run folder in:\n" + output));
        }

        JsonNode summary() throws IOException {
            return new ObjectMapper().readTree(runFolder().resolve("summary.json").toFile());
        }
    }

    private Ebm() {}

    static String experiment(String name) {
        return HOME.resolve("experiments").resolve(name + ".conf").toString();
    }

    static Result run(Path workDir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(HOME.resolve("bin/ebm").toString());
        command.addAll(List.of(args));
        Path log = Files.createTempFile(workDir, "ebm", ".log");
        Process p = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("ebm " + String.join(" ", args) + " did not finish in " + TIMEOUT_MINUTES + " minutes:\n"
                    + Files.readString(log, StandardCharsets.UTF_8));
        }
        return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }
}
