package org.ebm4j.api.data;

import org.ebm4j.api.tensor.Tensor;

/** One minibatch of training rows, {@code [n, d]}, a constant. */
public record Batch(Tensor x) {

    public int size() {
        return (int) x.rows();
    }
}
