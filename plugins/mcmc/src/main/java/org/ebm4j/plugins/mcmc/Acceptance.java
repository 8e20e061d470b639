package org.ebm4j.plugins.mcmc;

import com.typesafe.config.Config;
import org.ebm4j.api.component.SettingsReader;

/** Reads {@code target-acceptance}, a probability strictly between 0 and 1. */
final class Acceptance {

    private Acceptance() {}

    static double target(SettingsReader r, Config settings) {
        double t = r.positiveDouble(settings, "target-acceptance");
        if (t >= 1) {
            r.add(settings, "target-acceptance", "must be below 1 (an acceptance rate), got " + t);
        }
        return t;
    }
}
