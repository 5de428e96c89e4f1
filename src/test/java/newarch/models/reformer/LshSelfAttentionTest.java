package newarch.models.reformer;

import static newarch.tensor.ErrorAssert.assertBadInput;
import static newarch.tensor.GradAssert.assertModuleGradients;
import static newarch.tensor.GradAssert.normal;
import static newarch.tensor.GradAssert.randomized;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import newarch.tensor.Rng;
import newarch.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class LshSelfAttentionTest {
    private static final INDArray PADDED = Nd4j.createFromArray(new long[] {1, 1, 1, 1, 1, 1, 0, 0}).reshape(1, 8);

    private static LshSelfAttention attention(ReformerConfig config, long seed) {
        return randomized(new LshSelfAttention(config, new Rng(seed)), new Rng(seed + 1), 0.7);
    }

    private static INDArray rotations(ReformerConfig config, long seed) {
        return new Rng(seed).normal(DataType.DOUBLE, 0, 1, 2, 3, config.numHashes(), config.numBuckets() / 2);
    }

    /**
     * With one round and a window of every chunk, each query sees every position exactly once, whatever the buckets:
     * LSH attention must then equal full attention (which runs when the sequence fits one chunk).
     */
    @ParameterizedTest(name = "decoder {0}, padded {1}")
    @CsvSource({"false, false", "true, false", "false, true", "true, true"})
    void windowOverEveryChunkEqualsFullAttention(boolean decoder, boolean padded) {
        ReformerConfig chunked = Configs.lsh(2, 3, 0, 1, 4, decoder);
        ReformerConfig full = Configs.lsh(8, 0, 0, 1, 4, decoder);
        LshSelfAttention a = attention(chunked, 10);
        LshSelfAttention b = attention(full, 10);
        Tensor x = normal(new Rng(12), 1, 8, 4);
        INDArray mask = padded ? PADDED : null;
        INDArray got = a.forward(x, mask, rotations(chunked, 13)).data();
        INDArray want = b.forward(x, mask, (INDArray) null).data();
        assertArrayEquals(new long[] {1, 8, 6}, got.shape());
        assertTrue(got.equalsWithEps(want, 1e-10), () -> got + "\nvs\n" + want);
    }

    /** Several rounds that each see everything give the same output as one round: the weights sum to one. */
    @Test
    void roundsThatAgreeCombineToTheSameOutput() {
        ReformerConfig one = Configs.lsh(2, 3, 0, 1, 2, false);
        LshSelfAttention a = attention(one, 20);
        Tensor x = normal(new Rng(21), 1, 8, 4);
        INDArray single = a.forward(x, null, rotations(one, 22)).data();
        // two rounds whose sorted sequences are 16 long; 7 chunks before + own = all 8 chunks = both rounds, so each
        // query sees every position twice, and softmax over the doubled keys is the same distribution
        ReformerConfig two = Configs.lsh(2, 7, 0, 2, 2, false);
        LshSelfAttention b = attention(two, 20);
        INDArray doubled = b.forward(x, null, rotations(two, 23)).data();
        assertTrue(single.equalsWithEps(doubled, 1e-10));
    }

    @ParameterizedTest(name = "hashes {0}, after {1}, decoder {2}, padded {3}")
    @CsvSource({"1, 0, false, false", "2, 0, false, false", "3, 1, false, true", "2, 0, true, false",
            "2, 1, true, true"})
    void gradientWithFixedRotations(int hashes, int after, boolean decoder, boolean padded) {
        ReformerConfig config = Configs.lsh(2, 1, after, hashes, 4, decoder);
        LshSelfAttention a = attention(config, 30 + hashes);
        INDArray rotations = rotations(config, 31);
        INDArray mask = padded ? PADDED : null;
        Tensor x = normal(new Rng(32), 1, 8, 4);
        assertModuleGradients(a, in -> a.forward(in.get(0), mask, rotations), x);
    }

    @Test
    void bucketsAreReusedFromTheState() {
        ReformerConfig config = Configs.lsh(2, 1, 0, 2, 4, false);
        LshSelfAttention a = attention(config, 40);
        Tensor x = normal(new Rng(41), 2, 8, 4);
        HashState state = new HashState(rotations(config, 42));
        INDArray first = a.forward(x, null, state).data();
        assertArrayEquals(new long[] {2, 2, 16}, state.buckets().shape());
        INDArray buckets = state.buckets();
        assertTrue(first.equalsWithEps(a.forward(x, null, state).data(), 0));
        assertEquals(buckets, state.buckets());
    }

    @Test
    void badInputsAreOneLineErrors() {
        ReformerConfig config = Configs.lsh(2, 1, 0, 1, 4, false);
        LshSelfAttention a = new LshSelfAttention(config, new Rng(1));
        a.to(DataType.DOUBLE);
        assertBadInput(() -> a.forward(normal(new Rng(2), 1, 8, 5), null, rotations(config, 3)), "hidden_states",
                "[1,8,5]");
        assertBadInput(() -> a.forward(normal(new Rng(2), 1, 7, 4), null, rotations(config, 3)), "length 7",
                "chunk length 2");
        assertBadInput(() -> a.forward(normal(new Rng(2), 1, 8, 4), Nd4j.ones(DataType.LONG, 1, 7),
                rotations(config, 3)), "attention_mask", "[1,7]");
        assertBadInput(() -> a.forward(normal(new Rng(2), 1, 8, 4), null, Nd4j.zeros(DataType.DOUBLE, 2, 3, 1, 3)),
                "rotations");
    }
}
