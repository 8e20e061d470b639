package org.ebm4j.api.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class TensorScopeTest {

    @Test
    void closingTheScopeFreesEveryTemporaryButNotTheCallersArrays() {
        INDArray data = Nd4j.rand(DataType.FLOAT, 4, 3);
        Tensor x = Tensor.variable(data);
        Tensor y;
        Tensor grad;
        try (TensorScope scope = TensorScope.open()) {
            y = x.square().sum(1).mean();
            grad = Autograd.grad(y, x, false);
            assertThat(scope.ownedCount()).isGreaterThan(3);
        }
        assertThatThrownBy(y::array).isInstanceOf(IllegalStateException.class);
        assertThat(data.wasClosed()).isFalse();
        assertThat(x.array()).isSameAs(data);
        assertThatThrownBy(grad::array).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("TensorScope");
    }

    @Test
    void keptTensorsOutliveTheirScopeAndMoveToTheEnclosingOne() {
        Tensor x = Tensor.constant(Nd4j.rand(DataType.FLOAT, 2, 2));
        Tensor kept;
        try (TensorScope outer = TensorScope.open()) {
            try (TensorScope inner = TensorScope.open()) {
                kept = inner.keep(x.exp().reshape(4));
            }
            assertThat(kept.array().wasClosed()).isFalse();
            assertThat(kept.requiresGrad()).isFalse();
            assertThat(kept.toDoubleArray()[0]).isEqualTo(Math.exp(x.array().getDouble(0)), org.assertj.core.api.Assertions.within(1e-6));
        }
        assertThatThrownBy(kept::array).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void scopesMustCloseInnermostFirst() {
        TensorScope outer = TensorScope.open();
        TensorScope inner = TensorScope.open();
        assertThatThrownBy(outer::close).isInstanceOf(IllegalStateException.class).hasMessageContaining("innermost");
        inner.close();
        outer.close();
    }

    @Test
    void noGradScopeRecordsNothing() {
        Tensor x = Tensor.variable(Nd4j.rand(DataType.FLOAT, 2, 2));
        try (GradMode.Scope ignored = GradMode.off()) {
            Tensor y = x.exp().sum();
            assertThat(y.requiresGrad()).isFalse();
            try (GradMode.Scope on = GradMode.on()) {
                assertThat(x.exp().sum().requiresGrad()).isTrue();
            }
            assertThat(GradMode.isEnabled()).isFalse();
        }
        assertThat(GradMode.isEnabled()).isTrue();
        assertThat(x.exp().sum().requiresGrad()).isTrue();
    }

    @Test
    void theNextStepReusesTheArraysOfTheLastAndATensorOfTheLastStepStillFailsLoudly() {
        Tensor x = Tensor.constant(Nd4j.rand(DataType.FLOAT, 8, 3));
        Tensor first;
        INDArray firstArray;
        try (TensorScope step = TensorScope.open()) {
            first = x.mul(2.0);
            firstArray = first.array();
        }
        try (TensorScope step = TensorScope.open()) {
            Tensor second = x.mul(3.0);
            assertThat(second.array()).isSameAs(firstArray); // same shape and type: reused, not allocated
            assertThat(second.array().getDouble(5)).isEqualTo(3.0 * x.array().getDouble(5), org.assertj.core.api.Assertions.within(1e-6));
            assertThatThrownBy(first::array).isInstanceOf(IllegalStateException.class).hasMessageContaining("TensorScope");
            assertThatThrownBy(first::detach).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void aTensorKeptBeyondEveryScopeIsNeverReused() {
        Tensor x = Tensor.constant(Nd4j.rand(DataType.FLOAT, 5, 7));
        Tensor kept;
        try (TensorScope step = TensorScope.open()) {
            kept = step.keep(x.add(1.0));
        }
        double before = kept.array().getDouble(3);
        for (int i = 0; i < 3; i++) {
            try (TensorScope step = TensorScope.open()) {
                Tensor other = x.add(100.0 + i);
                assertThat(other.array()).isNotSameAs(kept.array());
            }
        }
        assertThat(kept.array().getDouble(3)).isEqualTo(before);
        assertThat(kept.array().getDouble(3)).isEqualTo(x.array().getDouble(3) + 1.0, org.assertj.core.api.Assertions.within(1e-6));
    }

    @Test
    void aKeptViewIsCopiedSoTheArrayBehindItCanBeReused() {
        Tensor x = Tensor.constant(Nd4j.rand(DataType.FLOAT, 4, 4));
        Tensor kept;
        try (TensorScope step = TensorScope.open()) {
            Tensor doubled = x.mul(2.0);
            kept = step.keep(Tensor.constant(doubled.array().reshape(16)));
        }
        try (TensorScope step = TensorScope.open()) {
            x.mul(-5.0); // reuses the array the view looked into
        }
        assertThat(kept.array().getDouble(5)).isEqualTo(2.0 * x.array().getDouble(1, 1), org.assertj.core.api.Assertions.within(1e-6));
    }

    @Test
    void aReshapeSharesItsSourcesMemoryAndFailsLoudlyOnceThatMemoryIsReused() {
        Tensor x = Tensor.constant(Nd4j.rand(DataType.FLOAT, 4, 6));
        Tensor reshaped;
        try (TensorScope step = TensorScope.open()) {
            Tensor doubled = x.mul(2.0);
            reshaped = doubled.reshape(2, 12);
            assertThat(reshaped.array().data().address()).isEqualTo(doubled.array().data().address()); // no copy
            assertThat(reshaped.array().getDouble(1, 3)).isEqualTo(2.0 * x.array().getDouble(2, 3), org.assertj.core.api.Assertions.within(1e-6));
            Tensor kept = step.keep(reshaped);
            assertThat(kept.array().data().address()).isNotEqualTo(doubled.array().data().address()); // kept: a copy of its own
        }
        try (TensorScope step = TensorScope.open()) {
            x.mul(-5.0); // reuses the array the reshape looked into
            assertThatThrownBy(reshaped::array).isInstanceOf(IllegalStateException.class).hasMessageContaining("TensorScope");
        }
    }

    @Test
    void outsideAScopeNothingIsPooled() {
        Tensor x = Tensor.constant(Nd4j.rand(DataType.FLOAT, 3, 3));
        Tensor y = x.mul(2.0);
        assertThat(ArrayPool.leaseOf(y.array())).isNull();
        assertThat(y.array().getDouble(0)).isEqualTo(2.0 * x.array().getDouble(0), org.assertj.core.api.Assertions.within(1e-6));
    }
}
