package org.ebm4j.runtime.run;

import com.google.inject.Inject;
import com.google.inject.name.Named;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.ebm4j.api.training.TrainingControl;
import org.ebm4j.api.training.TrainingEnd;
import org.ebm4j.api.training.TrainingListener;
import org.ebm4j.api.training.TrainingStart;

/**
 * A progress bar with the losses and steps/s on a terminal; one plain line per log window otherwise, and one per
 * evaluation or validation check with every metric it published, named by its source.
 */
public final class ProgressReporter implements TrainingListener {

    private final PrintStream out;
    private final boolean terminal;
    private ProgressBar bar;

    @Inject
    public ProgressReporter(@Named("console") PrintStream out, @Named("terminal") boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    @Override
    public void onStart(TrainingStart start) {
        if (terminal) {
            bar = new ProgressBarBuilder().setTaskName("train").setInitialMax(start.totalSteps()).setStyle(ProgressBarStyle.ASCII)
                    .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(out))
                    .startsFrom(start.firstStep(), java.time.Duration.ZERO).build();
        } else {
            out.printf(Locale.ROOT, "training from step %d to %d%n", start.firstStep(), start.totalSteps());
        }
    }

    @Override
    public void onMetrics(long step, String source, Map<String, Double> metrics) {
        if (source.equals("train")) {
            String text = format(metrics, true);
            if (bar != null) {
                bar.stepTo(step);
                bar.setExtraMessage(text);
            } else {
                out.printf(Locale.ROOT, "step %d %s%n", step, text);
            }
        } else if (bar == null) {
            out.printf(Locale.ROOT, "step %d %s: %s%n", step, source, format(metrics, false));
        }
    }

    @Override
    public void onEnd(TrainingEnd end, TrainingControl control) {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }

    /** A log window shows its losses, steps/s and plain metrics; an evaluation shows everything, in its order. */
    private static String format(Map<String, Double> metrics, boolean window) {
        StringBuilder sb = new StringBuilder();
        metrics.forEach((k, v) -> {
            if (!window || k.startsWith("loss/") || k.equals("steps-per-s") || !k.contains("/")) {
                sb.append(sb.length() == 0 ? "" : " ").append(k).append('=').append(String.format(Locale.ROOT, "%.4g", v));
            }
        });
        return sb.toString();
    }
}
