package newarch.attention;

import static newarch.tensor.GradAssert.assertGradients;
import static newarch.tensor.GradAssert.normal;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import newarch.tensor.Rng;
import newarch.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;

class ScaledDotProductAttentionGradTest {
    private static final double NEG_INF = Double.NEGATIVE_INFINITY;

    /** [3, 5] with some -inf entries, none of the rows fully masked. */
    private static Tensor partialMask() {
        return Tensor.constant(Nd4j.createFromArray(new double[][] {
            {0, NEG_INF, 0, 0, NEG_INF},
            {0, 0, 0, NEG_INF, 0},
            {NEG_INF, 0, NEG_INF, 0, 0}}));
    }

    @Test
    void rank3WithoutMask() {
        Rng rng = new Rng(200);
        Tensor q = normal(rng, 2, 3, 4);
        Tensor k = normal(rng, 2, 5, 4);
        Tensor v = normal(rng, 2, 5, 3);
        AttentionOutput o = ScaledDotProductAttention.attend(q, k, v, null);
        assertArrayEquals(new long[] {2, 3, 3}, o.output().shape());
        assertArrayEquals(new long[] {2, 3, 5}, o.weights().shape());
        assertGradients(in -> ScaledDotProductAttention.attend(in.get(0), in.get(1), in.get(2), null).output(), q, k, v);
    }

    @Test
    void rank3WithMask() {
        Rng rng = new Rng(201);
        Tensor mask = partialMask();
        Tensor q = normal(rng, 2, 3, 4);
        Tensor k = normal(rng, 2, 5, 4);
        Tensor v = normal(rng, 2, 5, 3);
        assertEquals(0.0, ScaledDotProductAttention.attend(q, k, v, mask).weights().data().getDouble(1, 0, 1), 0);
        assertGradients(in -> ScaledDotProductAttention.attend(in.get(0), in.get(1), in.get(2), mask).output(), q, k, v);
    }

    @Test
    void rank4WithoutMask() {
        Rng rng = new Rng(202);
        Tensor q = normal(rng, 2, 2, 3, 3);
        Tensor k = normal(rng, 2, 2, 4, 3);
        Tensor v = normal(rng, 2, 2, 4, 2);
        assertGradients(in -> ScaledDotProductAttention.attend(in.get(0), in.get(1), in.get(2), null).output(), q, k, v);
    }

    @Test
    void rank4WithCausalMask() {
        Rng rng = new Rng(203);
        Tensor mask = Masks.causal(3, 4, DataType.DOUBLE);
        Tensor q = normal(rng, 2, 2, 3, 3);
        Tensor k = normal(rng, 2, 2, 4, 3);
        Tensor v = normal(rng, 2, 2, 4, 2);
        assertGradients(in -> ScaledDotProductAttention.attend(in.get(0), in.get(1), in.get(2), mask).output(), q, k, v);
    }

    @Test
    void rank4WithKeyPaddingMask() {
        Rng rng = new Rng(204);
        Tensor mask = Masks.keyPadding(Nd4j.createFromArray(new double[][] {{0, 0, 1, 1}, {0, 0, 0, 1}}), DataType.DOUBLE);
        Tensor q = normal(rng, 2, 2, 3, 3);
        Tensor k = normal(rng, 2, 2, 4, 3);
        Tensor v = normal(rng, 2, 2, 4, 2);
        assertGradients(in -> ScaledDotProductAttention.attend(in.get(0), in.get(1), in.get(2), mask).output(), q, k, v);
    }

    @Test
    void customScale() {
        Rng rng = new Rng(205);
        Tensor q = normal(rng, 2, 3, 4);
        Tensor k = normal(rng, 2, 5, 4);
        Tensor v = normal(rng, 2, 5, 3);
        Tensor mask = partialMask();
        assertGradients(in -> ScaledDotProductAttention.attend(in.get(0), in.get(1), in.get(2), mask, 0.3, 0, null)
                .output(), q, k, v);
    }

    @Test
    void selfAttentionWithOneTensorAsQueryKeyAndValue() {
        assertGradients(in -> ScaledDotProductAttention.attend(in.get(0), in.get(0), in.get(0), null).output(),
                normal(new Rng(206), 2, 3, 4));
    }

    @Test
    void outputIsTheWeightedSumOfValuesWithScaledSoftmaxWeights() {
        Rng rng = new Rng(207);
        Tensor q = normal(rng, 3, 4);
        Tensor k = normal(rng, 5, 4);
        Tensor v = normal(rng, 5, 2);
        AttentionOutput o = ScaledDotProductAttention.attend(q, k, v, null);
        INDArray scores = Nd4j.matmul(q.data(), k.data().transpose()).divi(2.0);
        INDArray p = Tensor.constant(scores).softmax(-1).data();
        assertEquals(0, p.sub(o.weights().data()).amaxNumber().doubleValue(), 1e-12);
        assertEquals(0, Nd4j.matmul(p, v.data()).sub(o.output().data()).amaxNumber().doubleValue(), 1e-12);
        assertFalse(o.weights().requiresGrad());
    }

    @Test
    void fullyMaskedQueryRowGivesZeroOutputAndZeroGradient() {
        Rng rng = new Rng(208);
        Tensor mask = Tensor.constant(Nd4j.createFromArray(new double[][] {
            {0, 0, 0}, {NEG_INF, NEG_INF, NEG_INF}}));
        Tensor q = normal(rng, 2, 4);
        Tensor k = normal(rng, 3, 4);
        Tensor v = normal(rng, 3, 2);
        Tensor out = ScaledDotProductAttention.attend(q, k, v, mask).output();
        assertFalse(BooleanIndexing.or(out.data(), Conditions.isNan()));
        assertEquals(Nd4j.zeros(DataType.DOUBLE, 2), out.data().getRow(1));
        out.backward(Nd4j.ones(DataType.DOUBLE, 2, 2));
        assertEquals(Nd4j.zeros(DataType.DOUBLE, 4), q.grad().getRow(1));
        assertFalse(BooleanIndexing.or(k.grad(), Conditions.isNan()));
        assertFalse(BooleanIndexing.or(v.grad(), Conditions.isNan()));
    }
}
