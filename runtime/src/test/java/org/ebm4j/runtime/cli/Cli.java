package org.ebm4j.runtime.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.ebm4j.runtime.fixtures.TestPluginJar;

/** Runs {@code ebm} in a test: a plugins folder with the fixtures, the command's output and exit code, an experiment file. */
public final class Cli {

    private final Path dir;
    private final Path plugins;
    public String out;
    public String err;

    public Cli(Path dir) throws IOException {
        this.dir = dir;
        this.plugins = Files.createDirectories(dir.resolve("plugins"));
        TestPluginJar.fixtures(plugins);
    }

    Path plugins() {
        return plugins;
    }

    /** Another plugin jar in the plugins folder, with the fixtures' defaults, providing {@code extensions}. */
    Path plugin(String id, Class<?>... extensions) throws IOException {
        String conf;
        try (var in = Cli.class.getClassLoader().getResourceAsStream("reference.conf")) {
            conf = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        return TestPluginJar.write(plugins.resolve(id + "-2.0.0.jar"), id, conf, extensions);
    }

    /** {@code ebm --plugins <fixtures> args...}; keeps stdout and stderr. */
    public int ebm(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        String[] all = Stream.concat(Stream.of("--plugins", plugins.toString()), Stream.of(args)).toArray(String[]::new);
        int code = EbmCommand.execute(all, new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8));
        out = o.toString(StandardCharsets.UTF_8);
        err = e.toString(StandardCharsets.UTF_8);
        return code;
    }

    /** {@code gauss.conf}: Gaussian data, the quadratic model, the mean-energy objective, 30 SGD steps; then {@code extra}. */
    Path experiment(String extra) throws IOException {
        return Files.writeString(dir.resolve("gauss.conf"), """
                data { type = test-gaussian }
                model { type = test-quadratic }
                objective { type = mean-energy }
                train { steps = 30, batch-size = 32, log-every = 10, checkpoint-every = 10,
                        optimizer { type = sgd, learning-rate = 0.1 } }
                """ + extra);
    }
}
