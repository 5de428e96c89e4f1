package newarch.tensor;

import static newarch.tensor.GradAssert.assertGradients;
import static newarch.tensor.GradAssert.normal;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class IndexingGradTest {
    static final String RESHAPE_BUG = "bug: Indexing.java:22 ids.reshape('c', ids.length()) resolves to "
            + "INDArray.reshape(long rows, long cols) = reshape(99, n) and throws ND4JIllegalStateException "
            + "for every non-empty ids array";

    @Test
    void embeddingLookupWithRepeatedIds() {
        Tensor table = normal(new Rng(80), 5, 3);
        INDArray ids = Nd4j.createFromArray(new long[][] {{1, 3, 1}, {1, 0, 3}});
        Tensor rows = Indexing.embeddingLookup(table, ids);
        assertArrayEquals(new long[] {2, 3, 3}, rows.shape());
        assertEquals(table.data().getRow(3), rows.data().get(
                org.nd4j.linalg.indexing.NDArrayIndex.point(1), org.nd4j.linalg.indexing.NDArrayIndex.point(2),
                org.nd4j.linalg.indexing.NDArrayIndex.all()));
        assertGradients(in -> Indexing.embeddingLookup(in.get(0), ids), table);
    }

    @Test
    void embeddingLookupWithIntIds() {
        INDArray ids = Nd4j.createFromArray(new int[] {2, 2, 2, 4});
        assertGradients(in -> Indexing.embeddingLookup(in.get(0), ids), normal(new Rng(81), 5, 3));
    }

    @Test
    void indexSelectAlongEachAxisWithRepeatedIndices() {
        Tensor x = normal(new Rng(82), 3, 4, 2);
        INDArray index = Nd4j.createFromArray(new long[] {2, 0, 2, 2});
        assertArrayEquals(new long[] {3, 4, 2}, Indexing.indexSelect(x, 1, index).shape());
        for (int axis = 0; axis < 3; axis++) {
            int ax = axis;
            INDArray idx = Nd4j.createFromArray(new long[] {1, 0, 1});
            assertGradients(in -> Indexing.indexSelect(in.get(0), ax, idx), x);
        }
    }

    static final String SCATTER_RACE_BUG = "bug: Indexing.java (scatterAdd and the backward of embeddingLookup) runs "
            + "ND4J's ScatterAdd without its lock flag; with repeated indices the CPU kernel adds rows in parallel and "
            + "loses updates (512 rows into index 0: 86-92 wrong sums in 200 calls; op.addBArgument(true) fixes it)";

    @Test
    void scatterAddWithDistinctIndices() {
        Tensor src = normal(new Rng(84), 4, 3);
        INDArray index = Nd4j.createFromArray(new long[] {1, 3, 0, 4});
        assertEquals(src.data().getRow(1), Indexing.scatterAdd(src, index, 5).data().getRow(3));
        assertGradients(in -> Indexing.scatterAdd(in.get(0), index, 5), src);
    }

    @Test
    void scatterAddOfManyRowsIntoOneIsExact() {
        Tensor src = Tensor.constant(Nd4j.ones(org.nd4j.linalg.api.buffer.DataType.DOUBLE, 512, 8));
        INDArray index = Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.LONG, 512);
        for (int i = 0; i < 20; i++) {
            assertEquals(512.0, Indexing.scatterAdd(src, index, 2).data().getDouble(0, 0), 0, "call " + i);
        }
    }

    @Test
    void embeddingGradientOfManyRepeatedIdsIsExact() {
        for (int i = 0; i < 20; i++) {
            Tensor table = normal(new Rng(85), 3, 8);
            Indexing.embeddingLookup(table, Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.LONG, 512)).sumAll().backward();
            assertEquals(512.0, table.grad().getDouble(0, 0), 0, "call " + i);
        }
    }

    @Test
    void scatterAddWithRepeatedIndices() {
        Tensor src = normal(new Rng(83), 4, 3);
        INDArray index = Nd4j.createFromArray(new long[] {1, 3, 1, 1});
        Tensor out = Indexing.scatterAdd(src, index, 5);
        assertArrayEquals(new long[] {5, 3}, out.shape());
        assertEquals(src.data().getDouble(0, 0) + src.data().getDouble(2, 0) + src.data().getDouble(3, 0),
                out.data().getDouble(1, 0), 1e-12);
        assertGradients(in -> Indexing.scatterAdd(in.get(0), index, 5), src);
    }
}
