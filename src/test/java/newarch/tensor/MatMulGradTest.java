package newarch.tensor;

import static newarch.tensor.GradAssert.assertGradients;
import static newarch.tensor.GradAssert.normal;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.factory.Nd4j;

class MatMulGradTest {

    /** [..., n, k] or its transpose when {@code t}. */
    private static long[] shape(long[] batch, long rows, long cols, boolean t) {
        long[] s = java.util.Arrays.copyOf(batch, batch.length + 2);
        s[batch.length] = t ? cols : rows;
        s[batch.length + 1] = t ? rows : cols;
        return s;
    }

    @ParameterizedTest(name = "transposeA={0} transposeB={1}")
    @CsvSource({"false,false", "false,true", "true,false", "true,true"})
    void twoDimensional(boolean ta, boolean tb) {
        Rng rng = new Rng(11);
        Tensor a = normal(rng, shape(new long[0], 3, 4, ta));
        Tensor b = normal(rng, shape(new long[0], 4, 5, tb));
        assertArrayEquals(new long[] {3, 5}, MatMul.matmul(a, b, ta, tb).shape());
        assertGradients(in -> MatMul.matmul(in.get(0), in.get(1), ta, tb), a, b);
    }

    @ParameterizedTest(name = "transposeA={0} transposeB={1}")
    @CsvSource({"false,false", "false,true", "true,false", "true,true"})
    void batchedThreeDimensional(boolean ta, boolean tb) {
        Rng rng = new Rng(12);
        Tensor a = normal(rng, shape(new long[] {2}, 3, 4, ta));
        Tensor b = normal(rng, shape(new long[] {2}, 4, 5, tb));
        assertArrayEquals(new long[] {2, 3, 5}, MatMul.matmul(a, b, ta, tb).shape());
        assertGradients(in -> MatMul.matmul(in.get(0), in.get(1), ta, tb), a, b);
    }

    @ParameterizedTest(name = "transposeA={0} transposeB={1}")
    @CsvSource({"false,false", "false,true", "true,false", "true,true"})
    void batchedFourDimensional(boolean ta, boolean tb) {
        Rng rng = new Rng(13);
        Tensor a = normal(rng, shape(new long[] {2, 2}, 3, 4, ta));
        Tensor b = normal(rng, shape(new long[] {2, 2}, 4, 2, tb));
        assertArrayEquals(new long[] {2, 2, 3, 2}, MatMul.matmul(a, b, ta, tb).shape());
        assertGradients(in -> MatMul.matmul(in.get(0), in.get(1), ta, tb), a, b);
    }

    @ParameterizedTest(name = "transposeB={0}")
    @CsvSource({"false", "true"})
    void foldedThreeDimensionalTimesMatrix(boolean tb) {
        Rng rng = new Rng(14);
        Tensor a = normal(rng, 2, 3, 4);
        Tensor b = normal(rng, shape(new long[0], 4, 5, tb));
        assertArrayEquals(new long[] {2, 3, 5}, MatMul.matmul(a, b, false, tb).shape());
        assertGradients(in -> MatMul.matmul(in.get(0), in.get(1), false, tb), a, b);
    }

    @ParameterizedTest(name = "transposeB={0}")
    @CsvSource({"false", "true"})
    void foldedFourDimensionalTimesMatrix(boolean tb) {
        Rng rng = new Rng(15);
        Tensor a = normal(rng, 2, 2, 3, 4);
        Tensor b = normal(rng, shape(new long[0], 4, 3, tb));
        assertArrayEquals(new long[] {2, 2, 3, 3}, MatMul.matmul(a, b, false, tb).shape());
        assertGradients(in -> MatMul.matmul(in.get(0), in.get(1), false, tb), a, b);
    }

    @Test
    void foldedProductEqualsThePerBatchProduct() {
        Rng rng = new Rng(16);
        Tensor a = normal(rng, 2, 3, 4);
        Tensor b = normal(rng, 4, 5);
        Tensor folded = MatMul.matmul(a, b);
        for (int i = 0; i < 2; i++) {
            var expected = Nd4j.matmul(a.data().slice(i), b.data());
            assertEquals(expected, folded.data().slice(i));
        }
    }

    @Test
    void matmulWithAConstantOperand() {
        Rng rng = new Rng(17);
        Tensor w = Tensor.constant(normal(rng, 5, 4).data());
        assertGradients(in -> MatMul.matmul(in.get(0), w, false, true), normal(rng, 2, 3, 4));
    }
}
