package newarch.models.rnn;

import static newarch.tensor.GradAssert.assertModuleGradients;
import static newarch.tensor.GradAssert.randomized;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import newarch.tensor.Rng;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The whole encoder–decoder, every parameter, through a padded source, in double precision. */
class RnnSeq2SeqGradTest {
    static final INDArray SOURCE = Nd4j.createFromArray(new long[][] {{4, 3, 2}, {3, 4, 0}});   // row 1 padded
    static final INDArray TARGET = Nd4j.createFromArray(new long[][] {{1, 3}, {1, 4}});

    static RnnSeq2Seq model(RnnSeq2SeqConfig config, long seed) {
        RnnSeq2Seq m = randomized(new RnnSeq2Seq(config, new Rng(seed)), new Rng(seed + 1), 0.5);
        m.eval();
        return m;
    }

    @Test
    void bidirectionalEncoderWithAttention() {
        RnnSeq2Seq m = model(new RnnSeq2SeqConfig(5, 5, 2, 2, 1, true, true, 0), 500);
        assertArrayEquals(new long[] {2, 2, 5}, m.forward(SOURCE, TARGET).logits().shape());
        assertModuleGradients(m, in -> m.forward(SOURCE, TARGET).logits());
    }

    @Test
    void twoLayerBottleneckWithoutAttention() {
        RnnSeq2Seq m = model(new RnnSeq2SeqConfig(5, 5, 2, 2, 2, false, false, 0), 510);
        assertModuleGradients(m, in -> m.forward(SOURCE, TARGET).logits());
    }
}
