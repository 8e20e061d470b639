package org.ebm4j.runtime.training.listener;

import com.google.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ebm4j.api.training.TrainingControl;
import org.ebm4j.api.training.TrainingEnd;
import org.ebm4j.api.training.TrainingListener;
import org.ebm4j.api.training.TrainingStart;
import org.ebm4j.runtime.config.TrainSettings;

/**
 * Averages every step's numbers over {@code train.log-every} steps and publishes them, with {@code steps-per-s}, as
 * source {@code train}: what {@code metrics.jsonl} and the progress line show. The last, partial window is published
 * at the end.
 */
public final class MetricWindow implements TrainingListener {

    public static final String SOURCE = "train";

    private final long every;
    private final Clock clock;
    private final Map<String, double[]> window = new LinkedHashMap<>();
    private long total;
    private long steps;
    private Instant started;

    @Inject
    public MetricWindow(TrainSettings settings, Clock clock) {
        this.every = settings.logEvery();
        this.clock = clock;
    }

    @Override
    public void onStart(TrainingStart start) {
        total = start.totalSteps();
        started = clock.instant();
    }

    @Override
    public void onStep(long step, Map<String, Double> metrics, TrainingControl control) {
        metrics.forEach((k, v) -> {
            double[] acc = window.computeIfAbsent(k, x -> new double[2]);
            acc[0] += v;
            acc[1]++;
        });
        steps++;
        if (step % every == 0 || step == total) {
            flush(control);
        }
    }

    @Override
    public void onEnd(TrainingEnd end, TrainingControl control) {
        if (steps > 0) {
            flush(control);
        }
    }

    private void flush(TrainingControl control) {
        Instant now = clock.instant();
        Map<String, Double> averages = new LinkedHashMap<>();
        window.forEach((k, acc) -> averages.put(k, acc[0] / acc[1]));
        double seconds = Duration.between(started, now).toNanos() / 1e9;
        averages.put("steps-per-s", steps / Math.max(seconds, 1e-9));
        window.clear();
        steps = 0;
        started = now;
        control.publish(SOURCE, averages);
    }
}
