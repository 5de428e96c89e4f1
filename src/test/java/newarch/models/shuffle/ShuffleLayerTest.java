package newarch.models.shuffle;

import static newarch.tensor.ErrorAssert.assertBadInput;
import static newarch.tensor.GradAssert.assertGradients;
import static newarch.tensor.GradAssert.normal;
import static org.junit.jupiter.api.Assertions.assertEquals;

import newarch.tensor.Rng;
import newarch.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class ShuffleLayerTest {
    @Test
    void shuffleRifflesThePositionsAndInverseUndoesIt() {
        // positions 0..7 carry their own index as the single feature
        Tensor x = Tensor.constant(Nd4j.arange(8).castTo(DataType.DOUBLE).reshape(1, 8, 1));
        double[] shuffled = ShuffleLayer.shuffle(x).data().reshape(8).toDoubleVector();
        assertEquals("[0.0, 4.0, 1.0, 5.0, 2.0, 6.0, 3.0, 7.0]", java.util.Arrays.toString(shuffled));
        assertEquals(x.data(), ShuffleLayer.inverseShuffle(ShuffleLayer.shuffle(x)).data());
        assertEquals(x.data(), ShuffleLayer.shuffle(ShuffleLayer.inverseShuffle(x)).data());
    }

    @Test
    void kShufflesAreTheIdentity() {
        // rotating a k-bit address k times gives it back
        Tensor x = Tensor.constant(Nd4j.rand(DataType.DOUBLE, 2, 16, 3));
        Tensor h = x;
        for (int i = 0; i < 4; i++) {
            h = ShuffleLayer.shuffle(h);
        }
        assertEquals(x.data(), h.data());
    }

    @Test
    void gradients() {
        assertGradients(in -> ShuffleLayer.shuffle(in.get(0)), normal(new Rng(1), 2, 8, 3));
        assertGradients(in -> ShuffleLayer.inverseShuffle(in.get(0)), normal(new Rng(2), 2, 8, 3));
    }

    @Test
    void badInput() {
        assertBadInput(() -> ShuffleLayer.shuffle(Tensor.constant(Nd4j.zeros(2, 6, 3))), "shuffle", "[2,6,3]",
                "power of two");
        assertBadInput(() -> ShuffleLayer.inverseShuffle(Tensor.constant(Nd4j.zeros(8, 3))), "inverse shuffle",
                "[8,3]", "[batch, n, m]");
        assertBadInput(() -> ShuffleLayer.paddedLength(0), "length", "0");
        assertEquals(2, ShuffleLayer.paddedLength(1));
        assertEquals(16, ShuffleLayer.paddedLength(9));
        assertEquals(16, ShuffleLayer.paddedLength(16));
    }
}
