package newarch.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** The in-place softmax that attention uses writes the same values as the allocating one, whatever the layout. */
class SoftmaxInPlaceTest {
    @Test
    void rankFourOverTheLastAxisMatchesTheAllocatingSoftmax() {
        INDArray x = new Rng(7).normal(DataType.FLOAT, 0, 3, 2, 3, 5, 6);
        INDArray expected = Softmax.probabilities(x, 3);
        INDArray result = Softmax.probabilitiesInPlace(x, 3, false);
        assertSame(x, result);
        assertTrue(expected.equalsWithEps(x, 1e-6), "in place " + x + "\nexpected " + expected);
    }

    @Test
    void aViewAndAnInnerAxisAreHandledToo() {
        INDArray whole = new Rng(8).normal(DataType.DOUBLE, 0, 2, 4, 5, 6);
        INDArray view = whole.get(NDArrayIndex.interval(1, 3), NDArrayIndex.all(), NDArrayIndex.all());
        INDArray expected = Softmax.probabilities(view.dup(), 2);
        Softmax.probabilitiesInPlace(view, 2, false);
        assertEquals(0.0, expected.sub(view).amaxNumber().doubleValue(), 1e-12);

        INDArray y = new Rng(9).normal(DataType.DOUBLE, 0, 2, 3, 4, 5);
        INDArray expectedInner = Softmax.probabilities(y, 1);
        Softmax.probabilitiesInPlace(y, 1, false);
        assertEquals(0.0, expectedInner.sub(y).amaxNumber().doubleValue(), 1e-12);
        assertEquals(1.0, y.sum(1).getDouble(0, 0), 1e-12);
    }
}
