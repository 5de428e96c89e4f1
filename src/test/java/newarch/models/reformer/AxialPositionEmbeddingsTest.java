package newarch.models.reformer;

import static newarch.tensor.GradAssert.assertModuleGradients;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import newarch.tensor.GradAssert;
import newarch.tensor.Rng;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class AxialPositionEmbeddingsTest {
    @Test
    void positionIsTheConcatenationOfItsRowAndColumnVectors() {
        AxialPositionEmbeddings e = GradAssert.randomized(
                new AxialPositionEmbeddings(new int[] {3, 4}, new int[] {2, 3}, 1.0, new Rng(1)), new Rng(2), 1.0);
        assertEquals(java.util.List.of("weights.0", "weights.1"), java.util.List.copyOf(e.namedParameters().keySet()));
        assertArrayEquals(new long[] {3, 1, 2}, e.namedParameters().get("weights.0").shape());
        assertArrayEquals(new long[] {1, 4, 3}, e.namedParameters().get("weights.1").shape());
        INDArray w0 = e.namedParameters().get("weights.0").data();
        INDArray w1 = e.namedParameters().get("weights.1").data();
        INDArray positions = Nd4j.createFromArray(new long[] {0, 5, 11, 7}).reshape(1, 4);
        INDArray got = e.forward(positions).data();                        // [1, 4, 5]
        long[] ps = {0, 5, 11, 7};
        for (int i = 0; i < ps.length; i++) {
            long row = ps[i] / 4;
            long col = ps[i] % 4;
            for (int k = 0; k < 2; k++) {
                assertEquals(w0.getDouble(row, 0, k), got.getDouble(0, i, k), 0);
            }
            for (int k = 0; k < 3; k++) {
                assertEquals(w1.getDouble(0, col, k), got.getDouble(0, i, 2 + k), 0);
            }
        }
    }

    @Test
    void gradient() {
        AxialPositionEmbeddings e = GradAssert.randomized(
                new AxialPositionEmbeddings(new int[] {2, 3}, new int[] {2, 2}, 1.0, new Rng(3)), new Rng(4), 1.0);
        INDArray positions = Nd4j.createFromArray(new long[] {0, 1, 2, 3, 4, 5, 4, 1}).reshape(2, 4);
        assertModuleGradients(e, in -> e.forward(positions).mul(e.forward(positions)));
        assertEquals(DataType.DOUBLE, e.table().dataType());
    }
}
