package org.ebm4j.plugins.evaluation;

import org.ebm4j.api.model.EnergyModel;
import org.ebm4j.api.tensor.GradMode;
import org.ebm4j.api.tensor.Tensor;
import org.ebm4j.api.tensor.TensorScope;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** The mean energy of the test rows and its standard error, evaluated {@code chunk} rows at a time. */
record TestEnergy(double mean, double standardError) {

    static TestEnergy of(EnergyModel model, INDArray test, int chunk) {
        long n = test.rows();
        double sum = 0;
        double sumSq = 0;
        for (long from = 0; from < n; from += chunk) {
            long to = Math.min(n, from + chunk);
            try (GradMode.Scope off = GradMode.off(); TensorScope scope = TensorScope.open()) {
                INDArray rows = test.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()).castTo(model.dataType()).dup();
                double[] e = model.energy(Tensor.constant(rows)).castTo(DataType.DOUBLE).toDoubleArray();
                for (double v : e) {
                    sum += v;
                    sumSq += v * v;
                }
            }
        }
        double mean = sum / n;
        double variance = n > 1 ? (sumSq - n * mean * mean) / (n - 1) : 0;
        return new TestEnergy(mean, Math.sqrt(Math.max(variance, 0) / n));
    }
}
