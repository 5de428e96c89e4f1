package newarch.attention;

import static newarch.tensor.ErrorAssert.assertShapeError;
import static newarch.tensor.GradAssert.assertModuleGradients;
import static newarch.tensor.GradAssert.normal;
import static newarch.tensor.GradAssert.randomized;
import static org.junit.jupiter.api.Assertions.assertTrue;

import newarch.tensor.Rng;
import newarch.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/** Keys projected once (for a decoder that attends step by step) give what {@code forward} gives. */
class AdditiveAttentionProjectedKeysTest {

    @Test
    void sameResultAndGradientsAsForward() {
        AdditiveAttention a = randomized(new AdditiveAttention(4, 3, 5, new Rng(240)), new Rng(241), 0.7);
        Rng rng = new Rng(242);
        Tensor q = normal(rng, 2, 1, 4);
        Tensor k = normal(rng, 2, 4, 3);
        Tensor v = normal(rng, 2, 4, 2);
        Tensor mask = Tensor.constant(Nd4j.createFromArray(new double[][][] {{{0, 0, 0, 0}}, {{0, 0, Double.NEGATIVE_INFINITY, 0}}}));
        AttentionOutput direct = a.forward(q, k, v, mask);
        AttentionOutput projected = a.forwardProjected(q, a.projectKeys(k), v, mask);
        assertTrue(direct.output().data().equalsWithEps(projected.output().data(), 1e-12));
        assertTrue(direct.weights().data().equalsWithEps(projected.weights().data(), 1e-12));
        assertModuleGradients(a, in -> a.forwardProjected(in.get(0), a.projectKeys(in.get(1)), in.get(2), mask).output(),
                q, k, v);
    }

    @Test
    void keysThatWereNotProjectedAreNamed() {
        AdditiveAttention a = new AdditiveAttention(4, 3, 5, new Rng(243));
        a.to(org.nd4j.linalg.api.buffer.DataType.DOUBLE);
        Rng rng = new Rng(244);
        assertShapeError("projected key is [2,4,3] but its dimension 2 must be 5 (the attention's hidden size)",
                () -> a.forwardProjected(normal(rng, 2, 1, 4), normal(rng, 2, 4, 3), normal(rng, 2, 4, 2), null));
    }
}
