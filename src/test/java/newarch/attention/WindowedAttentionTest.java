package newarch.attention;

import static newarch.tensor.ErrorAssert.assertBadInput;
import static newarch.tensor.GradAssert.assertGradients;
import static newarch.tensor.GradAssert.normal;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import newarch.tensor.Rng;
import newarch.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Chunked windowed attention equals full attention under the banded mask, in value and gradient. */
class WindowedAttentionTest {

    @ParameterizedTest(name = "L {0}, window {1}, chunk {2}")
    @CsvSource({"7,0,1", "7,1,1", "7,2,2", "7,2,3", "9,3,4", "5,9,9", "8,2,2", "1,3,3"})
    void equalsFullAttentionUnderTheBandedMaskWithItsGradients(int length, int window, int chunk) {
        Rng rng = new Rng(length * 100 + window * 10 + chunk);
        INDArray q = rng.normal(DataType.DOUBLE, 0, 1, 2, length, 3);
        INDArray k = rng.normal(DataType.DOUBLE, 0, 1, 2, length, 3);
        INDArray v = rng.normal(DataType.DOUBLE, 0, 1, 2, length, 2);
        INDArray upstream = rng.normal(DataType.DOUBLE, 0, 1, 2, length, 2);

        Tensor[] a = {Tensor.parameter(q.dup()), Tensor.parameter(k.dup()), Tensor.parameter(v.dup())};
        Tensor full = ScaledDotProductAttention.attend(a[0], a[1], a[2], Masks.banded(length, window, DataType.DOUBLE))
                .output();
        full.backward(upstream);
        Tensor[] b = {Tensor.parameter(q.dup()), Tensor.parameter(k.dup()), Tensor.parameter(v.dup())};
        Tensor windowed = new WindowedAttention(window, chunk).attend(b[0], b[1], b[2]);
        windowed.backward(upstream);

        assertArrayEquals(full.shape(), windowed.shape());
        assertClose(full.data(), windowed.data(), "output");
        for (int i = 0; i < 3; i++) {
            assertClose(a[i].grad(), b[i].grad(), "gradient of " + "qkv".charAt(i));
        }
    }

    @Test
    void gradientCheckWithHeads() {
        WindowedAttention w = new WindowedAttention(1, 2);
        assertGradients(in -> w.attend(in.get(0), in.get(1), in.get(2)),
                normal(new Rng(1), 1, 2, 5, 2), normal(new Rng(2), 1, 2, 5, 2), normal(new Rng(3), 1, 2, 5, 3));
    }

    @Test
    void badInput() {
        assertBadInput(() -> new WindowedAttention(-1), "window -1", "not be negative");
        assertBadInput(() -> new WindowedAttention(4, 3), "chunk 3", "window 4");
        Tensor q = Tensor.constant(Nd4j.zeros(DataType.FLOAT, 1, 5, 2));
        Tensor k = Tensor.constant(Nd4j.zeros(DataType.FLOAT, 1, 6, 2));
        assertBadInput(() -> new WindowedAttention(1).attend(q, k, k), "q is [1,5,2]", "k is [1,6,2]");
    }

    private static void assertClose(INDArray want, INDArray got, String what) {
        double worst = want.sub(got).amaxNumber().doubleValue();
        assertTrue(worst < 1e-12, what + ": worst difference " + worst);
    }
}
