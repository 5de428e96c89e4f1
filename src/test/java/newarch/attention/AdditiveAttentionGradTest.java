package newarch.attention;

import static newarch.tensor.GradAssert.assertModuleGradients;
import static newarch.tensor.GradAssert.normal;
import static newarch.tensor.GradAssert.randomized;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class AdditiveAttentionGradTest {
    private static final double NEG_INF = Double.NEGATIVE_INFINITY;

    private static AdditiveAttention attention() {
        return randomized(new AdditiveAttention(4, 3, 5, new Rng(230)), new Rng(231), 0.7);
    }

    @Test
    void withoutMask() {
        AdditiveAttention a = attention();
        assertEquals(List.of("W_q.weight", "W_k.weight", "w_v.weight"), List.copyOf(a.namedParameters().keySet()));
        Rng rng = new Rng(232);
        Tensor q = normal(rng, 2, 3, 4);
        Tensor k = normal(rng, 2, 4, 3);
        Tensor v = normal(rng, 2, 4, 2);
        AttentionOutput o = a.forward(q, k, v, null);
        assertArrayEquals(new long[] {2, 3, 2}, o.output().shape());
        assertArrayEquals(new long[] {2, 3, 4}, o.weights().shape());
        assertModuleGradients(a, in -> a.forward(in.get(0), in.get(1), in.get(2), null).output(), q, k, v);
    }

    @Test
    void withPartialMask() {
        AdditiveAttention a = attention();
        Tensor mask = Tensor.constant(Nd4j.createFromArray(new double[][] {
            {0, NEG_INF, 0, 0}, {0, 0, 0, NEG_INF}, {NEG_INF, 0, NEG_INF, 0}}));
        Rng rng = new Rng(233);
        Tensor q = normal(rng, 2, 3, 4);
        Tensor k = normal(rng, 2, 4, 3);
        Tensor v = normal(rng, 2, 4, 2);
        assertEquals(0.0, a.forward(q, k, v, mask).weights().data().getDouble(1, 2, 2), 0);
        assertModuleGradients(a, in -> a.forward(in.get(0), in.get(1), in.get(2), mask).output(), q, k, v);
    }
}
