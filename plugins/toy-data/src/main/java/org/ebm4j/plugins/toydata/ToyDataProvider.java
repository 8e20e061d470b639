package org.ebm4j.plugins.toydata;

import com.typesafe.config.Config;
import org.ebm4j.api.component.ComponentContext;
import org.ebm4j.api.component.SettingsReader;
import org.ebm4j.api.data.DataSource;
import org.ebm4j.api.data.DataSourceProvider;
import org.ebm4j.api.data.Dataset;
import org.pf4j.Extension;

/** {@code data.type = toy}: the FFJORD 2-D sets by name, with independent train and test draws. */
@Extension
public class ToyDataProvider implements DataSourceProvider {

    @Override
    public String name() {
        return "toy";
    }

    /** Beyond this a toy set is a memory problem, not an experiment. */
    static final int MAX_ROWS = 10_000_000;

    @Override
    public String description() {
        return "2-D toy sets: " + String.join(", ", ToyDatasets.NAMES) + " (FFJORD definitions)";
    }

    @Override
    public DataSource create(Config settings, ComponentContext context) {
        SettingsReader r = new SettingsReader();
        String dataset = r.oneOf(settings, "dataset", ToyDatasets.NAMES);
        int train = r.intInRange(settings, "train-size", 1, MAX_ROWS);
        int test = r.intInRange(settings, "test-size", 1, MAX_ROWS);
        r.throwIfAny();
        // the sets whose density has a closed form carry it (the data's own score and NLL)
        java.util.Optional<org.ebm4j.api.model.EnergyModel> density = dataset.equals("8gaussians")
                ? java.util.Optional.of(new EightGaussiansDensity()) : java.util.Optional.empty();
        return random -> new Dataset(dataset, ToyDatasets.sample(dataset, train, random.split("train")),
                ToyDatasets.sample(dataset, test, random.split("test")), density);
    }
}
