package org.ebm4j.api.data;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A loaded data set: training and test rows {@code [n, d]}, float32. Arrays are owned by the dataset; treat them
 * as read-only.
 *
 * @param name for messages and run folders, e.g. {@code 8gaussians}
 */
public record Dataset(String name, INDArray train, INDArray test) {

    public Dataset {
        if (train.rank() != 2 || test.rank() != 2 || train.columns() != test.columns()) {
            throw new IllegalArgumentException("Dataset '" + name + "' needs [n, d] train and test matrices of one d, got "
                    + java.util.Arrays.toString(train.shape()) + " and " + java.util.Arrays.toString(test.shape()));
        }
    }

    /** The data dimension {@code d}. */
    public int dimension() {
        return train.columns();
    }
}
