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
 * <p>The rows are in the coordinates the model trains in; {@code coordinates} maps them to the data's own units (a
 * standardised file's mean and standard deviation, its column names), and the runtime reports samples, pictures and
 * NLLs in those units.
 *
 * @param name        for messages and run folders, e.g. {@code 8gaussians}
 * @param density     the data's exact density (in model coordinates) as an energy with {@code log Z = 0}, if known
 * @param coordinates model coordinates to the data's units, and the column names
 * @param rowShape    the shape of one row when rows are images, {@code [channels, height, width]} (row-major, as
 *                    {@code [n, c, h, w]} batches read them); empty for plain vectors. Models that see images (the
 *                    {@code conv} plugin) read it through {@link org.ebm4j.api.component.ComponentContext#rowShape()}.
 */
public record Dataset(String name, INDArray train, INDArray test, Optional<EnergyModel> density, DataCoordinates coordinates,
                      java.util.List<Integer> rowShape) {

    public Dataset {
        rowShape = java.util.List.copyOf(rowShape);
        long values = rowShape.stream().mapToLong(Integer::longValue).reduce(1, (a, b) -> a * b);
        if (!rowShape.isEmpty() && (rowShape.stream().anyMatch(v -> v < 1) || values != train.columns())) {
            throw new IllegalArgumentException("Dataset '" + name + "' has rows of " + train.columns() + " values but its row shape "
                    + rowShape + " holds " + values);
        }
        if (train.rank() != 2 || test.rank() != 2 || train.columns() != test.columns()) {
            throw new IllegalArgumentException("Dataset '" + name + "' needs [n, d] train and test matrices of one d, got "
                    + java.util.Arrays.toString(train.shape()) + " and " + java.util.Arrays.toString(test.shape()));
        }
        if (density.isPresent() && density.get().dimension() != train.columns()) {
            throw new IllegalArgumentException("Dataset '" + name + "' has dimension " + train.columns()
                    + " but its density's is " + density.get().dimension());
        }
        if (coordinates.dimension() != train.columns()) {
            throw new IllegalArgumentException("Dataset '" + name + "' has dimension " + train.columns() + " but its coordinates name "
                    + coordinates.dimension() + " columns " + coordinates.columns());
        }
    }

    /** Rows that are plain vectors. */
    public Dataset(String name, INDArray train, INDArray test, Optional<EnergyModel> density, DataCoordinates coordinates) {
        this(name, train, test, density, coordinates, java.util.List.of());
    }

    /** Data in its own units (columns {@code x1 ... xd}). */
    public Dataset(String name, INDArray train, INDArray test, Optional<EnergyModel> density) {
        this(name, train, test, density, DataCoordinates.identity((int) train.columns()));
    }

    /** Data in its own units whose density is not known. */
    public Dataset(String name, INDArray train, INDArray test) {
        this(name, train, test, Optional.empty());
    }

    /** The same rows, read in other units. */
    public Dataset withCoordinates(DataCoordinates c) {
        return new Dataset(name, train, test, density, c, rowShape);
    }

    /** The same rows, each read as an image of {@code shape} ({@code [channels, height, width]}). */
    public Dataset withRowShape(java.util.List<Integer> shape) {
        return new Dataset(name, train, test, density, coordinates, shape);
    }

    /** The data dimension {@code d}. */
    public int dimension() {
        return train.columns();
    }
}
