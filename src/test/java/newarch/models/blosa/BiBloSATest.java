package newarch.models.blosa;

import static newarch.tensor.ErrorAssert.assertBadInput;
import static newarch.tensor.GradAssert.assertModuleGradients;
import static newarch.tensor.GradAssert.normal;
import static newarch.tensor.GradAssert.randomized;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import newarch.tensor.GradMode;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class BiBloSATest {

    @Test
    void forwardMaskSeesOnlyStrictlyEarlierTokensAndBackwardOnlyLaterOnes() {
        assertEquals(Nd4j.createFromArray(new double[][] {{0, 0, 0}, {1, 0, 0}, {1, 1, 0}}),
                Direction.FORWARD.allowed(3, DataType.DOUBLE));
        assertEquals(Nd4j.createFromArray(new double[][] {{0, 1, 1}, {0, 0, 1}, {0, 0, 0}}),
                Direction.BACKWARD.allowed(3, DataType.DOUBLE));
    }

    @Test
    void blockLengthIsTheCubeRootOfTwiceTheLengthRoundedUp() {
        assertEquals(2, BloSaConfig.optimalBlockLength(1));
        assertEquals(2, BloSaConfig.optimalBlockLength(4));   // ∛8 = 2 exactly
        assertEquals(4, BloSaConfig.optimalBlockLength(32));  // ∛64 = 4
        assertEquals(6, BloSaConfig.optimalBlockLength(100)); // ∛200 ≈ 5.85
        assertEquals(3, BloSaConfig.of(2, 2).withBlockLength(3).blockLengthFor(100));
    }

    /** In an mSA block, the context s_i changes when token k changes only if i may see k (k < i forward). */
    @Test
    void intraBlockContextDependsOnlyOnAllowedTokens() {
        for (Direction dir : Direction.values()) {
            MaskedSelfAttention msa = randomized(new MaskedSelfAttention(3, dir, new Rng(1)), new Rng(2), 0.5);
            int len = 5;
            int k = 2;
            Tensor x = normal(new Rng(3), 1, 1, len, 3);
            INDArray changed = x.data().dup();
            changed.get(NDArrayIndex.point(0), NDArrayIndex.point(0), NDArrayIndex.point(k), NDArrayIndex.all())
                    .addi(1.5);
            try (GradMode ignored = GradMode.off()) {
                INDArray a = msa.context(x, null).data();
                INDArray b = msa.context(Tensor.constant(changed), null).data();
                for (int i = 0; i < len; i++) {
                    if (i == k) {
                        continue; // token k is also the query here: its own change moves its scores
                    }
                    double diff = a.get(NDArrayIndex.point(0), NDArrayIndex.point(0), NDArrayIndex.point(i),
                            NDArrayIndex.all()).distance2(b.get(NDArrayIndex.point(0), NDArrayIndex.point(0),
                            NDArrayIndex.point(i), NDArrayIndex.all()));
                    boolean sees = dir.allows(i, k);
                    int pos = i;
                    assertTrue(sees ? diff > 1e-6 : diff < 1e-12,
                            () -> dir + " query " + pos + " vs token " + k + ": diff " + diff);
                }
                // The first forward token (last backward) has nothing to attend to: zero context.
                int lonely = dir == Direction.FORWARD ? 0 : len - 1;
                assertEquals(0, a.get(NDArrayIndex.point(0), NDArrayIndex.point(0), NDArrayIndex.point(lonely),
                        NDArrayIndex.all()).norm2Number().doubleValue(), 0);
            }
        }
    }

    /**
     * Across blocks, the forward half only looks back and the backward half only ahead. Inside a block both halves
     * may see the whole block: the fusion takes e = o_l, and o_l fuses block l's own summary v_l (mSA's fusion gate),
     * which summarises every token of the block. Tokens earlier in the block always reach the forward half.
     */
    @Test
    void forwardHalfLooksOnlyBackAndBackwardHalfOnlyAheadAcrossBlocks() {
        int r = 2;
        // ELU input maps: a ReLU map can zero a token and hide a dependence this test looks for.
        BiBloSA blosa = randomized(new BiBloSA(new BloSaConfig(2, 3, r, "elu"), new Rng(4)), new Rng(5), 0.5);
        int n = 7;
        Tensor x = normal(new Rng(6), 1, n, 2);
        for (int k : new int[] {0, 3, 6}) {
            INDArray changed = x.data().dup();
            changed.get(NDArrayIndex.point(0), NDArrayIndex.point(k), NDArrayIndex.all()).addi(1.0);
            try (GradMode ignored = GradMode.off()) {
                INDArray a = blosa.forward(x).data();
                INDArray b = blosa.forward(Tensor.constant(changed)).data();
                for (int p = 0; p < n; p++) {
                    double fw = row(a, p, 0, 3).distance2(row(b, p, 0, 3));
                    double bw = row(a, p, 3, 6).distance2(row(b, p, 3, 6));
                    int pos = p;
                    int tok = k;
                    if (p / r != k / r) {
                        assertTrue(p / r > k / r ? fw > 1e-6 : fw < 1e-12, () -> "forward half at " + pos
                                + ", token " + tok + " in another block");
                        assertTrue(p / r < k / r ? bw > 1e-6 : bw < 1e-12, () -> "backward half at " + pos
                                + ", token " + tok + " in another block");
                    } else {
                        assertTrue(p < k || fw > 1e-6, () -> "forward half at " + pos + ", token " + tok);
                        assertTrue(p > k || bw > 1e-6, () -> "backward half at " + pos + ", token " + tok);
                    }
                }
            }
        }
    }

    @Test
    void paddingIsNeverAttendedAndMatchesTheShorterSequence() {
        BiBloSA blosa = randomized(new BiBloSA(BloSaConfig.of(2, 2).withBlockLength(2), new Rng(7)), new Rng(8), 0.5);
        Tensor x = normal(new Rng(9), 2, 6, 2);
        INDArray padding = Nd4j.createFromArray(new double[][] {{0, 0, 0, 0, 0, 1}, {0, 0, 0, 1, 1, 1}});
        INDArray garbage = x.data().dup();
        garbage.get(NDArrayIndex.point(1), NDArrayIndex.interval(3, 6), NDArrayIndex.all()).assign(7);
        garbage.get(NDArrayIndex.point(0), NDArrayIndex.point(5), NDArrayIndex.all()).assign(-7);
        try (GradMode ignored = GradMode.off()) {
            INDArray a = blosa.forward(x, padding).data();
            INDArray b = blosa.forward(Tensor.constant(garbage), padding).data();
            assertTrue(a.get(NDArrayIndex.point(1), NDArrayIndex.interval(0, 3), NDArrayIndex.all())
                    .equalsWithEps(b.get(NDArrayIndex.point(1), NDArrayIndex.interval(0, 3), NDArrayIndex.all()), 1e-12));
            assertTrue(a.get(NDArrayIndex.point(0), NDArrayIndex.interval(0, 5), NDArrayIndex.all())
                    .equalsWithEps(b.get(NDArrayIndex.point(0), NDArrayIndex.interval(0, 5), NDArrayIndex.all()), 1e-12));
            // Sequence 1 padded to 6 equals the same 3 tokens alone (2 blocks of 2, the second half padded).
            INDArray alone = blosa.forward(Tensor.constant(
                    x.data().get(NDArrayIndex.interval(1, 2), NDArrayIndex.interval(0, 3), NDArrayIndex.all()).dup()))
                    .data();
            assertTrue(alone.slice(0).equalsWithEps(
                    a.get(NDArrayIndex.point(1), NDArrayIndex.interval(0, 3), NDArrayIndex.all()), 1e-12));
        }
    }

    @Test
    void maskedSelfAttentionGradients() {
        MaskedSelfAttention msa = randomized(new MaskedSelfAttention(2, Direction.BACKWARD, new Rng(10)),
                new Rng(11), 0.7);
        INDArray valid = Nd4j.createFromArray(new double[][][] {{{1, 1, 0}, {1, 1, 1}}});
        assertModuleGradients(msa, in -> msa.forward(in.get(0), valid), normal(new Rng(12), 1, 2, 3, 2));
    }

    @Test
    void sourceToTokenGradientsWithElu() {
        SourceToTokenAttention s2t = randomized(new SourceToTokenAttention(3, "elu", new Rng(13)), new Rng(14), 0.7);
        INDArray valid = Nd4j.createFromArray(new double[][] {{1, 1, 0, 1}, {0, 0, 0, 0}});
        Tensor x = normal(new Rng(15), 2, 4, 3);
        assertArrayEquals(new long[] {2, 3}, s2t.forward(x, valid).shape());
        assertModuleGradients(s2t, in -> s2t.forward(in.get(0), valid), x);
    }

    /** Every parameter of one direction, width 1 to keep the finite differences few. */
    @Test
    void maskedBlockSelfAttentionGradientsWithPaddingAndAPartialLastBlock() {
        MaskedBlockSelfAttention mblosa = randomized(new MaskedBlockSelfAttention(
                BloSaConfig.of(1, 1).withBlockLength(2), Direction.FORWARD, new Rng(16)), new Rng(17), 0.8);
        INDArray valid = Nd4j.createFromArray(new double[][] {{1, 1, 1, 1, 0}});
        Tensor x = normal(new Rng(18), 1, 5, 1);
        assertModuleGradients(mblosa, in -> mblosa.forward(in.get(0), valid).slice(1, 0, 4), x);
    }

    /** The input gradient through both directions and the concatenation (parameters are covered above). */
    @Test
    void biBloSaInputGradients() {
        BiBloSA blosa = randomized(new BiBloSA(new BloSaConfig(2, 2, 2, "elu"), new Rng(23)), new Rng(24), 0.7);
        INDArray padding = Nd4j.createFromArray(new double[][] {{0, 0, 0, 0, 1}});
        Tensor x = normal(new Rng(25), 1, 5, 2);
        assertArrayEquals(new long[] {1, 5, 4}, blosa.forward(x, padding).shape());
        newarch.tensor.GradAssert.assertGradients(in -> blosa.forward(in.get(0), padding).slice(1, 0, 4), x);
    }

    @Test
    void sentenceEncoderShapeAndNames() {
        BiBloSan san = new BiBloSan(new BloSaConfig(3, 2, 0, "elu"), new Rng(19));
        san.to(DataType.DOUBLE);
        Tensor out = san.forward(normal(new Rng(20), 2, 9, 3).detach(), null);
        assertArrayEquals(new long[] {2, 4}, out.shape());
        List<String> names = List.copyOf(san.namedParameters().keySet());
        assertTrue(names.contains("blosa.fw.intra_block.W1.weight"), names::toString);
        assertTrue(names.contains("blosa.bw.inter_block.bf"), names::toString);
        assertTrue(names.contains("blosa.fw.block_summary.W.bias"), names::toString);
        assertTrue(names.contains("pooling.W1.weight"), names::toString);
    }

    @Test
    void badInput() {
        BiBloSA blosa = new BiBloSA(BloSaConfig.of(3, 2), new Rng(21));
        assertBadInput(() -> blosa.forward(Tensor.constant(Nd4j.zeros(DataType.FLOAT, 4, 3))), "Bi-BloSA input x",
                "[4,3]");
        assertBadInput(() -> blosa.forward(Tensor.constant(Nd4j.zeros(DataType.FLOAT, 1, 4, 5))), "inputDim",
                "[1,4,5]");
        assertBadInput(() -> blosa.forward(Tensor.constant(Nd4j.zeros(DataType.FLOAT, 2, 4, 3)),
                Nd4j.zeros(DataType.FLOAT, 2, 5)), "padding", "[2,5]", "[2,4]");
        assertBadInput(() -> new BloSaConfig(3, 2, -1, "relu"), "blockLength", "-1");
        assertBadInput(() -> new BloSaConfig(3, 2, 0, "gelu"), "activation", "gelu");
        assertBadInput(() -> BloSaConfig.optimalBlockLength(0), "sequence length", "0");
        MaskedSelfAttention msa = new MaskedSelfAttention(2, Direction.FORWARD, new Rng(22));
        assertBadInput(() -> msa.forward(Tensor.constant(Nd4j.zeros(DataType.FLOAT, 1, 2, 3, 2)),
                Nd4j.ones(DataType.FLOAT, 1, 3, 2)), "valid", "[1,3,2]", "[1,2,3]");
    }

    private static INDArray row(INDArray a, int p, int from, int to) {
        return a.get(NDArrayIndex.point(0), NDArrayIndex.point(p), NDArrayIndex.interval(from, to));
    }
}
