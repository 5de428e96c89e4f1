package newarch.attention;

import static newarch.tensor.GradAssert.normal;
import static newarch.tensor.GradAssert.randomized;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import newarch.tensor.Rng;
import newarch.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The attention probabilities go back to {@link ScratchArrays} after backward; the weights must never notice. */
class RecycledWeightsTest {
    private static final double TOL = 1e-12;

    private static MultiHeadAttention layer() {
        MultiHeadAttention m = randomized(new MultiHeadAttention(4, 2, new Rng(300)), new Rng(299), 0.5); // double
        m.eval();
        return m;
    }

    private static INDArray ones(Tensor out) {
        return Nd4j.ones(out.dataType(), out.shape());
    }

    @Test
    void weightsAskedForAfterBackwardAreRecomputedExactly() {
        MultiHeadAttention m = layer();
        Tensor x = Tensor.parameter(normal(new Rng(301), 2, 3, 4).data());
        INDArray expected = m.forward(x, null).weights().data().dup();
        AttentionOutput late = m.forward(x, null);
        late.output().backward(ones(late.output()));
        // Another call reuses the recycled probabilities' storage before the late request.
        AttentionOutput other = m.forward(Tensor.parameter(normal(new Rng(302), 2, 3, 4).data()), null);
        other.output().backward(ones(other.output()));
        assertEquals(0, expected.sub(late.weights().data()).amaxNumber().doubleValue(), TOL);
    }

    @Test
    void weightsHandedOutBeforeBackwardAreNotOverwritten() {
        MultiHeadAttention m = layer();
        Tensor x = Tensor.parameter(normal(new Rng(303), 2, 3, 4).data());
        AttentionOutput first = m.forwardPerHead(x, null);
        INDArray held = first.weights().data();
        INDArray copy = held.dup();
        first.output().backward(ones(first.output()));
        for (int i = 0; i < 3; i++) {
            AttentionOutput next = m.forwardPerHead(Tensor.parameter(normal(new Rng(304 + i), 2, 3, 4).data()), null);
            next.output().backward(ones(next.output()));
        }
        assertEquals(0, copy.sub(held).amaxNumber().doubleValue(), TOL);
    }

    @Test
    void aSecondBackwardPassGivesTheSameGradients() {
        MultiHeadAttention m = layer();
        Tensor x = Tensor.parameter(normal(new Rng(310), 2, 3, 4).data());
        AttentionOutput out = m.forward(x, null);
        out.output().backward(ones(out.output()));
        INDArray once = x.grad().dup();
        out.output().backward(ones(out.output()));
        assertEquals(0, x.grad().sub(once.mul(2)).amaxNumber().doubleValue(), 1e-10);
    }

    @Test
    void scratchArraysAreReusedByShapeAndType() {
        INDArray a = ScratchArrays.take(DataType.DOUBLE, new long[] {3, 5, 7});
        ScratchArrays.give(a);
        assertSame(a, ScratchArrays.take(DataType.DOUBLE, new long[] {3, 5, 7}));
        ScratchArrays.give(a);
        assertNotSame(a, ScratchArrays.take(DataType.FLOAT, new long[] {3, 5, 7}));
        assertNotSame(a, ScratchArrays.take(DataType.DOUBLE, new long[] {3, 7, 5}));
    }
}
