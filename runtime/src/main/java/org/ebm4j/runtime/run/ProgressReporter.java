package org.ebm4j.runtime.run;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.ebm4j.api.eval.Evaluation;
import org.ebm4j.runtime.training.TrainingListener;
import org.ebm4j.runtime.training.TrainingOutcome;

/** A progress bar with the loss and steps/s on a terminal; one plain line per logged step otherwise. */
public final class ProgressReporter implements TrainingListener {

    private final PrintStream out;
    private final boolean terminal;
    private ProgressBar bar;

    public ProgressReporter(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    @Override
    public void onStart(long firstStep, long totalSteps) {
        if (terminal) {
            bar = new ProgressBarBuilder().setTaskName("train").setInitialMax(totalSteps).setStyle(ProgressBarStyle.ASCII)
                    .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(out)).startsFrom(firstStep, java.time.Duration.ZERO).build();
        } else {
            out.printf(Locale.ROOT, "training from step %d to %d%n", firstStep, totalSteps);
        }
    }

    @Override
    public void onLog(long step, Map<String, Double> metrics) {
        String text = format(metrics);
        if (bar != null) {
            bar.stepTo(step);
            bar.setExtraMessage(text);
        } else {
            out.printf(Locale.ROOT, "step %d %s%n", step, text);
        }
    }

    @Override
    public void onEvaluation(long step, Evaluation evaluation) {
        if (bar == null) {
            out.printf(Locale.ROOT, "step %d evaluation %s%n", step, format(evaluation.metrics()));
        }
    }

    @Override
    public void onEnd(TrainingOutcome outcome) {
        if (bar != null) {
            bar.close();
        }
    }

    private static String format(Map<String, Double> metrics) {
        StringBuilder sb = new StringBuilder();
        metrics.forEach((k, v) -> {
            if (k.startsWith("loss/") || k.equals("steps-per-s") || !k.contains("/")) {
                sb.append(sb.length() == 0 ? "" : " ").append(k).append('=').append(String.format(Locale.ROOT, "%.4g", v));
            }
        });
        return sb.toString();
    }
}
