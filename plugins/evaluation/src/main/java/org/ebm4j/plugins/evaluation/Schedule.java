package org.ebm4j.plugins.evaluation;

import java.util.List;

/**
 * The inverse temperatures {@code 0 = β_0 < β_1 < … < β_K = 1} of an annealing path. {@code sigmoid} (Grosse,
 * Maddison and Salakhutdinov 2013) spends its steps near both ends, where the path changes fastest; {@code geometric}
 * from 10⁻⁴ near the base; {@code linear} evenly.
 */
final class Schedule {

    static final List<String> NAMES = List.of("sigmoid", "geometric", "linear");

    private Schedule() {}

    static double[] betas(String name, int k) {
        double[] b = new double[k + 1];
        switch (name) {
            case "linear" -> {
                for (int i = 0; i <= k; i++) {
                    b[i] = i / (double) k;
                }
            }
            case "geometric" -> {
                for (int i = 1; i <= k; i++) {
                    b[i] = Math.pow(1e-4, 1 - (i - 1) / (double) Math.max(1, k - 1));
                }
            }
            case "sigmoid" -> {
                double delta = 4;
                double first = sigmoid(-delta);
                double last = sigmoid(delta);
                for (int i = 0; i <= k; i++) {
                    b[i] = (sigmoid(delta * (2.0 * i / k - 1)) - first) / (last - first);
                }
            }
            default -> throw new IllegalArgumentException("unknown schedule '" + name + "'; known: " + NAMES);
        }
        b[0] = 0;
        b[k] = 1;
        return b;
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
