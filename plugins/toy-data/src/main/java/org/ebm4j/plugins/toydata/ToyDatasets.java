package org.ebm4j.plugins.toydata;

import java.util.List;
import org.ebm4j.api.random.RandomSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The 2-D toy sets of FFJORD as FFJORD (Grathwohl et al. 2019) defines them (same shapes, scales and
 * noise), drawn from a {@link RandomSource}. Each draw is i.i.d.
 */
public final class ToyDatasets {

    public static final List<String> NAMES = List.of("8gaussians", "moons", "rings", "checkerboard", "2spirals", "pinwheel", "swissroll");

    private ToyDatasets() {}

    /** {@code n} points of {@code name}, {@code [n, 2]} float32. */
    public static INDArray sample(String name, int n, RandomSource rng) {
        double[] u1 = uniform(rng, n);
        double[] u2 = uniform(rng, n);
        double[] u3 = uniform(rng, n);
        double[] u4 = uniform(rng, n);
        double[] z1 = normal(rng, n);
        double[] z2 = normal(rng, n);
        double[] out = new double[2 * n];
        for (int i = 0; i < n; i++) {
            double x;
            double y;
            switch (name) {
                case "8gaussians" -> {
                    double s = 1 / Math.sqrt(2);
                    double[][] centres = {{1, 0}, {-1, 0}, {0, 1}, {0, -1}, {s, s}, {s, -s}, {-s, s}, {-s, -s}};
                    double[] c = centres[Math.min(7, (int) (u1[i] * 8))];
                    x = (z1[i] * 0.5 + 4 * c[0]) / 1.414;
                    y = (z2[i] * 0.5 + 4 * c[1]) / 1.414;
                }
                case "checkerboard" -> {
                    double x1 = u1[i] * 4 - 2;
                    double parity = ((Math.floor(x1) % 2) + 2) % 2; // Python's floor modulo
                    double x2 = u2[i] - (u3[i] < 0.5 ? 0 : 1) * 2.0 + parity;
                    x = x1 * 2;
                    y = x2 * 2;
                }
                case "moons" -> {
                    boolean outer = u1[i] < 0.5;
                    double t = u2[i] * Math.PI;
                    double mx = outer ? Math.cos(t) : 1 - Math.cos(t);
                    double my = outer ? Math.sin(t) : 1 - Math.sin(t) - 0.5;
                    x = (mx + z1[i] * 0.1) * 2 - 1;
                    y = (my + z2[i] * 0.1) * 2 - 0.2;
                }
                case "rings" -> {
                    double[] radii = {1.0, 0.75, 0.5, 0.25};
                    double r = 3.0 * radii[Math.min(3, (int) (u1[i] * 4))];
                    double t = u2[i] * 2 * Math.PI;
                    x = r * Math.cos(t) + z1[i] * 0.08;
                    y = r * Math.sin(t) + z2[i] * 0.08;
                }
                case "2spirals" -> {
                    double m = Math.sqrt(u1[i]) * 540 * (2 * Math.PI) / 360;
                    double sign = u3[i] < 0.5 ? 1.0 : -1.0;
                    double dx = -Math.cos(m) * m + u2[i] * 0.5;
                    double dy = Math.sin(m) * m + u4[i] * 0.5;
                    x = sign * dx / 3 + z1[i] * 0.1;
                    y = sign * dy / 3 + z2[i] * 0.1;
                }
                case "pinwheel" -> {
                    int label = Math.min(4, (int) (u1[i] * 5));
                    double f0 = z1[i] * 0.3 + 1.0;
                    double f1 = z2[i] * 0.1;
                    double ang = 2 * Math.PI * label / 5 + 0.25 * Math.exp(f0);
                    x = 2 * (f0 * Math.cos(ang) + f1 * Math.sin(ang));
                    y = 2 * (-f0 * Math.sin(ang) + f1 * Math.cos(ang));
                }
                case "swissroll" -> {
                    double t = 1.5 * Math.PI * (1 + 2 * u1[i]);
                    x = (t * Math.cos(t) + z1[i]) / 5;
                    y = (t * Math.sin(t) + z2[i]) / 5;
                }
                default -> throw new IllegalArgumentException("Unknown toy dataset '" + name + "'; known: " + NAMES);
            }
            out[2 * i] = x;
            out[2 * i + 1] = y;
        }
        return Nd4j.create(out, new long[] {n, 2}, DataType.DOUBLE).castTo(DataType.FLOAT);
    }

    private static double[] uniform(RandomSource rng, int n) {
        return rng.fillUniform(Nd4j.createUninitialized(DataType.DOUBLE, n), 0, 1).toDoubleVector();
    }

    private static double[] normal(RandomSource rng, int n) {
        return rng.fillNormal(Nd4j.createUninitialized(DataType.DOUBLE, n), 0, 1).toDoubleVector();
    }
}
