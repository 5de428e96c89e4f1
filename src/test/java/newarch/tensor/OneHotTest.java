package newarch.tensor;

import static newarch.tensor.ErrorAssert.assertBadInput;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** One-hot vectors, and the embedding lookup as a one-hot matrix product. */
class OneHotTest {

    @Test
    void aSingleOneAtEachId() {
        INDArray ids = Nd4j.createFromArray(new long[][] {{0, 2, 3}, {3, 3, 1}});
        Tensor oh = Indexing.oneHot(ids, 4, DataType.FLOAT);
        assertArrayEquals(new long[] {2, 3, 4}, oh.shape());
        assertEquals(DataType.FLOAT, oh.dataType());
        assertEquals(6.0, oh.data().sumNumber().doubleValue(), 0);
        assertArrayEquals(new float[] {0, 0, 1, 0}, oh.data().slice(0).getRow(1).toFloatVector());
        assertArrayEquals(new float[] {0, 1, 0, 0}, oh.data().slice(1).getRow(2).toFloatVector());
        assertArrayEquals(new long[] {0, 5}, Indexing.oneHot(Nd4j.zeros(DataType.LONG, 0), 5, DataType.FLOAT).shape());
    }

    @Test
    void lookupIsOneHotTimesTable() {
        Tensor table = Tensor.constant(new Rng(610).normal(DataType.DOUBLE, 0, 1, 5, 3));
        INDArray ids = Nd4j.createFromArray(new int[][] {{4, 0}, {2, 2}});
        Tensor product = Indexing.oneHot(ids, 5, DataType.DOUBLE).matmul(table);        // [2, 2, 5] × [5, 3]
        assertTrue(Indexing.embeddingLookup(table, ids).data().equalsWithEps(product.data(), 0));
    }

    @Test
    void badInputIsNamed() {
        assertBadInput(() -> Indexing.oneHot(Nd4j.createFromArray(1L, 5L), 5, DataType.FLOAT), "ids [2]", "from 1 to 5",
                "only 5 classes");
        assertBadInput(() -> Indexing.oneHot(Nd4j.createFromArray(1.0f), 5, DataType.FLOAT), "ids is FLOAT", "integers");
        assertBadInput(() -> Indexing.oneHot(Nd4j.createFromArray(1L), 0, DataType.FLOAT), "classes is 0");
        assertBadInput(() -> Indexing.oneHot(Nd4j.createFromArray(1L), 3, DataType.INT), "type is INT");
    }
}
