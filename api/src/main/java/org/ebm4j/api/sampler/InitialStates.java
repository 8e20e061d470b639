package org.ebm4j.api.sampler;

import java.util.List;
import org.ebm4j.api.random.RandomSource;
import org.ebm4j.api.tensor.Cholesky;
import org.ebm4j.api.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Where chains start. A choice is fitted to the training data once ({@link #fit}) and then draws any number of
 * states cheaply: a box around the data, a Gaussian with the data's mean and covariance, data points themselves
 * (CD-k's start), or states given by the user.
 */
public sealed interface InitialStates {

    /** The names {@link #named} accepts. */
    List<String> NAMES = List.of("uniform", "gaussian", "data");

    /** Fits to {@code train: [n, d]} and returns the distribution to draw from. */
    Fitted fit(INDArray train);

    /** A fitted initial distribution. */
    interface Fitted {
        /** {@code n} states {@code [n, d]} of {@code type}, a constant. */
        Tensor draw(int n, DataType type, RandomSource random);
    }

    /** {@code uniform} (with {@code margin}), {@code gaussian} or {@code data}. */
    static InitialStates named(String name, double margin) {
        return switch (name) {
            case "uniform" -> new UniformBox(margin);
            case "gaussian" -> new FittedGaussian();
            case "data" -> new DataPoints();
            default -> throw new IllegalArgumentException("unknown initial states '" + name + "'; known: " + String.join(", ", NAMES));
        };
    }

    /** Uniform on the data's bounding box widened by {@code margin} on every side. */
    record UniformBox(double margin) implements InitialStates {
        public UniformBox {
            if (!(margin >= 0)) {
                throw new IllegalArgumentException("margin must be non-negative, got " + margin);
            }
        }

        @Override
        public Fitted fit(INDArray train) {
            INDArray x = train.castTo(DataType.DOUBLE);
            INDArray low = x.min(true, 0).subi(margin);
            INDArray width = x.max(true, 0).addi(margin).subi(low);
            return (n, type, random) -> Tensor.adopt(random.uniform(0, 1, DataType.DOUBLE, n, low.columns()).array()
                    .muliRowVector(width).addiRowVector(low).castTo(type));
        }
    }

    /**
     * {@code N(m, S)} with the data's mean and covariance (full, so correlated data starts where it lies). A small
     * ridge keeps the Cholesky factor defined when a coordinate is constant, as pixels at an image's border are.
     */
    record FittedGaussian() implements InitialStates {
        @Override
        public Fitted fit(INDArray train) {
            INDArray x = train.castTo(DataType.DOUBLE);
            INDArray mean = x.mean(true, 0);
            INDArray centred = x.subRowVector(mean);
            long n = Math.max(1, x.rows() - 1);
            INDArray cov = centred.transpose().mmul(centred).divi(n);
            double ridge = 1e-6 * Math.max(1e-12, Nd4j.diag(cov).sumNumber().doubleValue() / cov.rows());
            cov.addi(Nd4j.eye(cov.rows()).castTo(DataType.DOUBLE).muli(ridge));
            INDArray lowerT = Cholesky.lower(cov).transpose().dup();
            return (count, type, random) -> Tensor.adopt(random.normal(DataType.DOUBLE, count, mean.columns()).array()
                    .mmul(lowerT).addiRowVector(mean).castTo(type));
        }
    }

    /** Training points drawn uniformly with replacement. */
    record DataPoints() implements InitialStates {
        @Override
        public Fitted fit(INDArray train) {
            return (n, type, random) -> Tensor.adopt(train.getRows(random.indices(n, train.rows())).castTo(type));
        }
    }

    /** Exactly these states {@code [n, d]}: asking for another number of chains is an error. */
    record Given(INDArray states) implements InitialStates {
        public Given {
            if (states.rank() != 2) {
                throw new IllegalArgumentException("initial states must be a matrix [chains, d], got shape "
                        + java.util.Arrays.toString(states.shape()));
            }
        }

        @Override
        public Fitted fit(INDArray train) {
            if (states.columns() != train.columns()) {
                throw new IllegalArgumentException("the initial states have " + states.columns()
                        + " columns but the data has dimension " + train.columns());
            }
            return (n, type, random) -> {
                if (n != states.rows()) {
                    throw new IllegalArgumentException("asked for " + n + " chains but " + states.rows() + " initial states are given");
                }
                return Tensor.adopt(states.castTo(type).dup());
            };
        }
    }
}
