package newarch.tensor;

import static newarch.tensor.GradAssert.normal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;

/** A row whose every entry is -inf has softmax 0 (not NaN) and passes back a zero gradient. */
class FullyMaskedSoftmaxTest {
    private static final double NEG_INF = Double.NEGATIVE_INFINITY;

    private static Tensor mask() {
        return Tensor.constant(Nd4j.createFromArray(new double[][] {
            {NEG_INF, NEG_INF, NEG_INF, NEG_INF},
            {0, NEG_INF, 0, 0},
            {0, 0, 0, 0}}));
    }

    @Test
    void fullyMaskedRowIsZeroNotNaN() {
        Tensor x = normal(new Rng(120), 3, 4);
        INDArray p = x.add(mask()).softmax(1).data();
        assertFalse(BooleanIndexing.or(p, Conditions.isNan()), "softmax produced NaN: " + p);
        assertEquals(Nd4j.zeros(DataType.DOUBLE, 4), p.getRow(0));
        assertEquals(1.0, p.getRow(1).sumNumber().doubleValue(), 1e-12);
        assertEquals(1.0, p.getRow(2).sumNumber().doubleValue(), 1e-12);
    }

    @Test
    void fullyMaskedRowHasZeroGradient() {
        Tensor x = normal(new Rng(121), 3, 4);
        INDArray upstream = new Rng(122).normal(DataType.DOUBLE, 0, 1, 3, 4);
        x.add(mask()).softmax(-1).backward(upstream);
        INDArray g = x.grad();
        assertFalse(BooleanIndexing.or(g, Conditions.isNan()), "gradient has NaN: " + g);
        assertEquals(Nd4j.zeros(DataType.DOUBLE, 4), g.getRow(0));
        assertEquals(0.0, g.getDouble(1, 1), 0);
        assertTrue(g.getRow(2).amaxNumber().doubleValue() > 0);
    }

    @Test
    void fullyMaskedRowOfLogSoftmaxIsMinusInfinity() {
        INDArray y = normal(new Rng(123), 3, 4).add(mask()).logSoftmax(1).data();
        assertFalse(BooleanIndexing.or(y, Conditions.isNan()));
        for (int j = 0; j < 4; j++) {
            assertEquals(NEG_INF, y.getDouble(0, j));
        }
    }
}
