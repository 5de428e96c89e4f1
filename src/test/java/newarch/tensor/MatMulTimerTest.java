package newarch.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/** The matmul timing hook: off by default, counts every product (forward and backward) while on, from any thread. */
class MatMulTimerTest {
    @Test
    void countsProductsOnlyWhileOn() throws Exception {
        assertFalse(MatMulTimer.isEnabled());
        Rng rng = new Rng(1);
        Tensor a = Tensor.parameter(rng.normal(DataType.FLOAT, 0, 1, 4, 3));
        Tensor b = Tensor.parameter(rng.normal(DataType.FLOAT, 0, 1, 3, 5));
        MatMulTimer.start();
        a.matmul(b).sumAll().backward();                       // 1 forward + 2 backward products
        Thread other = new Thread(() -> MatMul.product(a.data(), b.data(), false, false));
        other.start();
        other.join();
        MatMulTimer.stop();
        assertEquals(4, MatMulTimer.calls());
        assertTrue(MatMulTimer.nanos() > 0);
        a.matmul(b);
        assertEquals(4, MatMulTimer.calls(), "nothing is counted while off");
        MatMulTimer.start();
        assertEquals(0, MatMulTimer.calls(), "start() begins from zero");
        MatMulTimer.stop();
    }
}
