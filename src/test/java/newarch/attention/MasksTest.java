package newarch.attention;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import newarch.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class MasksTest {
    private static final double X = Double.NEGATIVE_INFINITY;

    private static void assertPattern(double[][] expected, Tensor mask) {
        INDArray m = mask.data();
        assertArrayEquals(new long[] {expected.length, expected[0].length}, m.shape());
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[i].length; j++) {
                assertEquals(expected[i][j], m.getDouble(i, j), "entry (" + i + ", " + j + ")");
            }
        }
    }

    @Test
    void causal() {
        Tensor mask = Masks.causal(3, 4, DataType.FLOAT);
        assertEquals(DataType.FLOAT, mask.dataType());
        assertPattern(new double[][] {
            {0, X, X, X},
            {0, 0, X, X},
            {0, 0, 0, X}}, mask);
    }

    @Test
    void banded() {
        assertPattern(new double[][] {
            {0, 0, X, X, X},
            {0, 0, 0, X, X},
            {X, 0, 0, 0, X},
            {X, X, 0, 0, 0},
            {X, X, X, 0, 0}}, Masks.banded(5, 1, DataType.DOUBLE));
    }

    @Test
    void block() {
        assertPattern(new double[][] {
            {0, 0, X, X, X},
            {0, 0, X, X, X},
            {X, X, 0, 0, X},
            {X, X, 0, 0, X},
            {X, X, X, X, 0}}, Masks.block(5, 2, DataType.DOUBLE));
    }

    @Test
    void graphAllowsEdgesAndSelfLoops() {
        INDArray adjacency = Nd4j.createFromArray(new double[][] {
            {0, 1, 0},
            {0, 0, 1},
            {1, 0, 0}});
        assertPattern(new double[][] {
            {0, 0, X},
            {X, 0, 0},
            {0, X, 0}}, Masks.graph(adjacency, DataType.DOUBLE));
    }

    @Test
    void keyPaddingIsBroadcastableOverHeadsAndQueries() {
        Tensor mask = Masks.keyPadding(Nd4j.createFromArray(new boolean[][] {{false, false, true}, {false, true, true}}),
                DataType.DOUBLE);
        assertArrayEquals(new long[] {2, 1, 1, 3}, mask.shape());
        assertPattern(new double[][] {{0, 0, X}, {0, X, X}}, Tensor.constant(mask.data().reshape(2, 3)));
    }

    @Test
    void keyPaddingFromNumbers() {
        Tensor mask = Masks.keyPadding(Nd4j.createFromArray(new long[][] {{0, 1}, {0, 0}}), DataType.FLOAT);
        assertPattern(new double[][] {{0, X}, {0, 0}}, Tensor.constant(mask.data().reshape(2, 2)));
    }

    @Test
    void keyPaddingLeavesItsArgumentUnchanged() {
        INDArray padding = Nd4j.createFromArray(new double[][] {{0, 1}});
        Masks.keyPadding(padding, DataType.DOUBLE);
        assertEquals(Nd4j.createFromArray(new double[][] {{0, 1}}), padding);
        assertPattern(new double[][] {{0, X}}, Tensor.constant(Masks.keyPadding(padding, DataType.DOUBLE).data().reshape(1, 2)));
    }

    @Test
    void fromAttentionMaskIsTheComplement() {
        Tensor mask = Masks.fromAttentionMask(Nd4j.createFromArray(new long[][] {{1, 1, 0}}), DataType.DOUBLE);
        assertPattern(new double[][] {{0, 0, X}}, Tensor.constant(mask.data().reshape(1, 3)));
    }

    @Test
    void combineAddsMasks() {
        Tensor both = Masks.combine(Masks.causal(3, 3, DataType.DOUBLE), Masks.banded(3, 0, DataType.DOUBLE));
        assertPattern(new double[][] {{0, X, X}, {X, 0, X}, {X, X, 0}}, both);
        Tensor causal = Masks.causal(2, 2, DataType.DOUBLE);
        assertEquals(causal, Masks.combine(null, causal));
        assertEquals(causal, Masks.combine(causal, null));
    }
}
