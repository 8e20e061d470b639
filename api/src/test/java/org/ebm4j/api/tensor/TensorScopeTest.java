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
}
