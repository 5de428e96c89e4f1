package newarch.tensor;

import static newarch.tensor.GradAssert.assertGradients;
import static newarch.tensor.GradAssert.normal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class AutogradBehaviourTest {
    static final String ALIAS_BUG = "bug: Autograd.java:53 accumulates with sofar.addi(pg) into the first gradient "
            + "array even when that array is shared (Arithmetic.add/Broadcast.reduceTo hand the same g to both "
            + "parents, or it is the caller's upstream), corrupting other pending gradients and the upstream";

    @Test
    void gradModeOffProducesConstants() {
        Tensor w = normal(new Rng(90), 3, 2);
        Tensor x = normal(new Rng(91), 2, 3);
        assertTrue(GradMode.isEnabled());
        try (GradMode ignored = GradMode.off()) {
            assertFalse(GradMode.isEnabled());
            Tensor y = x.matmul(w).tanh().sumAll();
            assertFalse(y.requiresGrad());
            assertFalse(x.add(w.transpose(0, 1)).requiresGrad());
            try (GradMode inner = GradMode.on()) {
                assertTrue(x.mul(x).requiresGrad());
            }
            assertFalse(GradMode.isEnabled());
            assertThrows(IllegalStateException.class, y::backward);
        }
        assertTrue(GradMode.isEnabled());
        assertTrue(x.matmul(w).requiresGrad());
    }

    @Test
    void opsOnConstantsOnlyDoNotRequireGrad() {
        Tensor c = Tensor.constant(Nd4j.ones(DataType.DOUBLE, 2, 2));
        assertFalse(c.add(c).exp().requiresGrad());
        assertFalse(normal(new Rng(92), 2, 2).detach().mul(c).requiresGrad());
    }

    @Test
    void gradientsAccumulateUntilZeroGrad() {
        Tensor x = normal(new Rng(93), 2, 3);
        Tensor c = Tensor.constant(Nd4j.linspace(DataType.DOUBLE, 1, 6, 1).reshape(2, 3));
        x.mul(c).sumAll().backward();
        INDArray once = x.grad().dup();
        assertEquals(c.data(), once);
        x.mul(c).sumAll().backward();
        assertEquals(once.mul(2), x.grad());
        x.zeroGrad();
        assertNull(x.grad());
        x.mul(c).sumAll().backward();
        assertEquals(once, x.grad());
    }

    @Test
    void backwardWithAnExplicitUpstreamGradient() {
        Tensor x = normal(new Rng(94), 2, 3);
        INDArray upstream = Nd4j.linspace(DataType.DOUBLE, 1, 6, 1).reshape(2, 3);
        x.mul(3.0).backward(upstream);
        assertEquals(upstream.mul(3), x.grad());
    }

    @Test
    void aTensorUsedTwiceGetsBothContributions() {
        Tensor x = normal(new Rng(95), 2, 3);
        x.mul(x).sumAll().backward();
        assertEquals(x.data().mul(2), x.grad());
        assertGradients(in -> in.get(0).mul(in.get(0)).add(in.get(0).exp()), normal(new Rng(96), 2, 3));
    }

    @Test
    void addOfATensorToItself() {
        // d(a + a)/da = 2; the check gives 0.33 relative error because backward doubles the caller's projection.
        assertGradients(in -> in.get(0).add(in.get(0)), normal(new Rng(97), 3));
    }

    @Test
    void sharedAddGradientIsNotCorrupted() {
        // (a + b) + b: a must get g, b must get 2g; a currently gets 2g.
        Tensor a = normal(new Rng(98), 3);
        Tensor b = normal(new Rng(99), 3);
        INDArray upstream = Nd4j.ones(DataType.DOUBLE, 3);
        a.add(b).add(b).backward(upstream);
        assertEquals(Nd4j.ones(DataType.DOUBLE, 3), a.grad());
        assertEquals(Nd4j.ones(DataType.DOUBLE, 3).mul(2), b.grad());
    }

    @Test
    void backwardDoesNotModifyTheUpstreamArray() {
        Tensor a = normal(new Rng(100), 3);
        INDArray upstream = Nd4j.ones(DataType.DOUBLE, 3);
        a.add(a).backward(upstream);
        assertEquals(Nd4j.ones(DataType.DOUBLE, 3), upstream);
    }

    @Test
    void intermediateTensorsKeepNoGradient() {
        Tensor x = normal(new Rng(101), 2, 2);
        Tensor y = x.exp();
        y.sumAll().backward();
        assertNull(y.grad());
        assertEquals(y.data(), x.grad());
    }
}
