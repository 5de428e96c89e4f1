package newarch.models.reformer;

import static newarch.tensor.GradAssert.assertModuleGradients;
import static newarch.tensor.GradAssert.normal;
import static newarch.tensor.GradAssert.randomized;
import static org.junit.jupiter.api.Assertions.assertTrue;

import newarch.tensor.Rng;
import newarch.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class LocalSelfAttentionTest {
    private static final INDArray PADDED = Nd4j.createFromArray(new long[] {1, 1, 1, 1, 1, 0, 0, 0}).reshape(1, 8);

    /** A window over every chunk (in a decoder: every earlier chunk) is full attention. */
    @ParameterizedTest(name = "decoder {0}, padded {1}")
    @CsvSource({"false, false", "true, false", "false, true", "true, true"})
    void windowOverEveryChunkEqualsFullAttention(boolean decoder, boolean padded) {
        LocalSelfAttention chunked = randomized(new LocalSelfAttention(Configs.lsh(2, 2, 1, 1, 4, decoder),
                new Rng(1)), new Rng(2), 0.7);
        LocalSelfAttention full = randomized(new LocalSelfAttention(Configs.lsh(8, 0, 0, 1, 4, decoder),
                new Rng(1)), new Rng(2), 0.7);
        Tensor x = normal(new Rng(3), 1, 8, 4);
        INDArray mask = padded ? PADDED : null;
        INDArray got = chunked.forward(x, mask).data();
        INDArray want = full.forward(x, mask).data();
        assertTrue(got.equalsWithEps(want, 1e-10), () -> got + "\nvs\n" + want);
    }

    @ParameterizedTest(name = "before {0}, after {1}, decoder {2}, padded {3}")
    @CsvSource({"1, 0, false, false", "0, 1, false, true", "1, 1, true, false", "2, 0, true, true"})
    void gradient(int before, int after, boolean decoder, boolean padded) {
        LocalSelfAttention a = randomized(new LocalSelfAttention(Configs.lsh(2, before, after, 1, 4, decoder),
                new Rng(10)), new Rng(11), 0.7);
        INDArray mask = padded ? PADDED : null;
        assertModuleGradients(a, in -> a.forward(in.get(0), mask), normal(new Rng(12), 1, 8, 4));
    }
}
