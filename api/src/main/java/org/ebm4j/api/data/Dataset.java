package org.ebm4j.api.data;

import java.util.Optional;
import org.ebm4j.api.model.EnergyModel;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A loaded data set: training and test rows {@code [n, d]}, float32, and, where the source knows it in closed form,
 * the data's own density as a normalised energy {@code E = −log p_data} (a Gaussian mixture written in the
 * experiment, FFJORD's 8gaussians): evaluators use its score (the Fisher divergence) and its log-density (the data's
 * own test NLL, the floor no model beats). Arrays are owned by the dataset; treat them as read-only.
 *
 * @param name    for messages and run folders, e.g. {@code 8gaussians}
 * @param density the data's exact density as an energy with {@code log Z = 0}, if known
 */
public record Dataset(String name, INDArray train, INDArray test, Optional<EnergyModel> density) {

    public Dataset {
        if (train.rank() != 2 || test.rank() != 2 || train.columns() != test.columns()) {
            throw new IllegalArgumentException("Dataset '" + name + "' needs [n, d] train and test matrices of one d, got "
                    + java.util.Arrays.toString(train.shape()) + " and " + java.util.Arrays.toString(test.shape()));
        }
        if (density.isPresent() && density.get().dimension() != train.columns()) {
            throw new IllegalArgumentException("Dataset '" + name + "' has dimension " + train.columns()
                    + " but its density's is " + density.get().dimension());
        }
    }

    /** Data whose density is not known. */
    public Dataset(String name, INDArray train, INDArray test) {
        this(name, train, test, Optional.empty());
    }

    /** The data dimension {@code d}. */
    public int dimension() {
        return train.columns();
    }
}
