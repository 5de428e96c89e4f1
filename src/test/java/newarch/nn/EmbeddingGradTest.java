package newarch.nn;

import static newarch.tensor.GradAssert.assertModuleGradients;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import newarch.tensor.Rng;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class EmbeddingGradTest {
    private static final String BUG = "bug: Indexing.java:22 ids.reshape('c', ids.length()) resolves to "
            + "INDArray.reshape(long rows, long cols) = reshape(99, n), so Embedding.forward throws "
            + "ND4JIllegalStateException for any non-empty ids (and its backward, a ScatterAdd without the lock flag, "
            + "can lose updates for repeated ids: see IndexingGradTest)";

    @Test
    void gradientWithRespectToTheTableWithRepeatedIds() {
        Embedding emb = new Embedding(6, 3, new Rng(140));
        emb.to(DataType.DOUBLE);
        INDArray ids = Nd4j.createFromArray(new long[][] {{1, 4, 1}, {5, 1, 0}});
        assertArrayEquals(new long[] {2, 3, 3}, emb.forward(ids).shape());
        assertModuleGradients(emb, in -> emb.forward(ids));
    }

    @Test
    void looksUpRows() {
        Embedding emb = new Embedding(6, 3, new Rng(141));
        INDArray out = emb.forward(Nd4j.createFromArray(new int[] {4, 2})).data();
        assertEquals(emb.weight().data().getRow(4), out.getRow(0));
        assertEquals(emb.weight().data().getRow(2), out.getRow(1));
    }

    @Test
    void tableIsInitialisedNormalWithTheGivenShape() {
        Embedding emb = new Embedding(100, 20, new Rng(142));
        assertArrayEquals(new long[] {100, 20}, emb.weight().shape());
        assertEquals(0, emb.weight().data().meanNumber().doubleValue(), 0.1);
        assertEquals(1, emb.weight().data().stdNumber().doubleValue(), 0.1);
    }
}
