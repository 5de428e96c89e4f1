package newarch.attention;

import static newarch.tensor.ErrorAssert.assertBadInput;
import static newarch.tensor.GradAssert.assertModuleGradients;
import static newarch.tensor.GradAssert.normal;
import static newarch.tensor.GradAssert.randomized;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import newarch.tensor.Rng;
import newarch.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** The raw scores e_tj: masked and normalised they are the weights {@code forward} returns. */
class AdditiveAttentionScoresTest {

    @Test
    void softmaxOfMaskedScoresIsTheWeights() {
        AdditiveAttention a = randomized(new AdditiveAttention(4, 3, 5, new Rng(250)), new Rng(251), 0.7);
        Rng rng = new Rng(252);
        Tensor q = normal(rng, 2, 2, 4);
        Tensor k = normal(rng, 2, 3, 3);
        Tensor mask = Masks.keyPadding(Nd4j.createFromArray(new double[][] {{0, 0, 0}, {0, 0, 1}}), 3, DataType.DOUBLE);
        Tensor e = a.scores(q, k);
        assertArrayEquals(new long[] {2, 2, 3}, e.shape());
        Tensor weights = a.forward(q, k, k, mask).weights();
        assertTrue(weights.data().equalsWithEps(e.add(mask).softmax(-1).data(), 1e-12));
        assertModuleGradients(a, in -> a.scores(in.get(0), in.get(1)), q, k);
    }

    @Test
    void badInputIsNamed() {
        AdditiveAttention a = new AdditiveAttention(4, 3, 5, new Rng(253));
        Rng rng = new Rng(254);
        Tensor q = Tensor.constant(rng.normal(DataType.FLOAT, 0, 1, 2, 1, 4));
        assertBadInput(() -> a.scores(q, Tensor.constant(rng.normal(DataType.FLOAT, 0, 1, 3, 3))), "key is [3,3]", "rank 3");
        assertBadInput(() -> a.scores(q, Tensor.constant(rng.normal(DataType.FLOAT, 0, 1, 1, 2, 3))),
                "query is [2,1,4] and key is [1,2,3]", "batch sizes");
    }
}
