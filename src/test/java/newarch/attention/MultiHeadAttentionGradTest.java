package newarch.attention;

import static newarch.tensor.GradAssert.assertModuleGradients;
import static newarch.tensor.GradAssert.normal;
import static newarch.tensor.GradAssert.randomized;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class MultiHeadAttentionGradTest {
    private static final double NEG_INF = Double.NEGATIVE_INFINITY;

    private static MultiHeadAttention mha(MultiHeadAttention.Options o) {
        MultiHeadAttention m = randomized(new MultiHeadAttention(o, new Rng(210)), new Rng(211), 0.5);
        m.eval();
        return m;
    }

    private static MultiHeadAttention.Options options(boolean bias, boolean biasKv, boolean zeroAttn, long kdim, long vdim) {
        return new MultiHeadAttention.Options(4, 2, 0.0, bias, biasKv, zeroAttn, kdim, vdim);
    }

    private static INDArray padding() {
        return Nd4j.createFromArray(new double[][] {{0, 0, 0, 1, 1}, {0, 0, 0, 0, 1}});
    }

    @Test
    void selfAttention() {
        MultiHeadAttention m = mha(MultiHeadAttention.Options.of(4, 2));
        assertEquals(List.of("in_proj_weight", "in_proj_bias", "out_proj.weight", "out_proj.bias"),
                List.copyOf(m.namedParameters().keySet()));
        Tensor x = normal(new Rng(212), 2, 3, 4);
        assertArrayEquals(new long[] {2, 3, 4}, m.forward(x, null).output().shape());
        assertModuleGradients(m, in -> m.forward(in.get(0), null).output(), x);
    }

    @Test
    void selfAttentionWithCausalMask() {
        MultiHeadAttention m = mha(MultiHeadAttention.Options.of(4, 2));
        Tensor mask = Masks.causal(3, 3, DataType.DOUBLE);
        assertModuleGradients(m, in -> m.forward(in.get(0), mask).output(), normal(new Rng(213), 2, 3, 4));
    }

    @Test
    void selfAttentionWithoutBias() {
        MultiHeadAttention m = mha(options(false, false, false, 4, 4));
        assertEquals(2, m.parameters().size());
        assertModuleGradients(m, in -> m.forward(in.get(0), null).output(), normal(new Rng(214), 2, 3, 4));
    }

    @Test
    void crossAttentionWithFusedWeights() {
        MultiHeadAttention m = mha(MultiHeadAttention.Options.of(4, 2));
        Rng rng = new Rng(215);
        assertModuleGradients(m, in -> m.forward(in.get(0), in.get(1), in.get(2), null, null, true).output(),
                normal(rng, 2, 3, 4), normal(rng, 2, 5, 4), normal(rng, 2, 5, 4));
    }

    @Test
    void crossAttentionWithKdimAndVdim() {
        MultiHeadAttention m = mha(options(true, false, false, 3, 5));
        assertEquals(List.of("q_proj_weight", "k_proj_weight", "v_proj_weight", "in_proj_bias", "out_proj.weight",
                "out_proj.bias"), List.copyOf(m.namedParameters().keySet()));
        assertArrayEquals(new long[] {4, 3}, m.namedParameters().get("k_proj_weight").shape());
        Rng rng = new Rng(216);
        Tensor q = normal(rng, 2, 3, 4);
        Tensor k = normal(rng, 2, 5, 3);
        Tensor v = normal(rng, 2, 5, 5);
        assertArrayEquals(new long[] {2, 3, 4}, m.forward(q, k, v, null, null, true).output().shape());
        assertModuleGradients(m, in -> m.forward(in.get(0), in.get(1), in.get(2), padding(), null, true).output(), q, k, v);
    }

    @Test
    void withKeyPadding() {
        MultiHeadAttention m = mha(MultiHeadAttention.Options.of(4, 2));
        Rng rng = new Rng(217);
        Tensor q = normal(rng, 2, 3, 4);
        Tensor kv = normal(rng, 2, 5, 4);
        INDArray w = m.forward(q, kv, kv, padding(), null, true).weights().data();
        assertEquals(0.0, w.getDouble(0, 1, 3), 0);
        assertEquals(0.0, w.getDouble(1, 2, 4), 0);
        assertModuleGradients(m, in -> m.forward(in.get(0), in.get(1), in.get(1), padding(), null, true).output(), q, kv);
    }

    @Test
    void withAddBiasKvAndAddZeroAttn() {
        MultiHeadAttention m = mha(options(true, true, true, 4, 4));
        assertArrayEquals(new long[] {1, 1, 4}, m.namedParameters().get("bias_k").shape());
        Rng rng = new Rng(218);
        Tensor mask = Tensor.constant(Nd4j.createFromArray(new double[][] {
            {0, NEG_INF, 0, 0, 0}, {0, 0, NEG_INF, 0, 0}, {NEG_INF, 0, 0, 0, 0}}));
        Tensor q = normal(rng, 2, 3, 4);
        Tensor kv = normal(rng, 2, 5, 4);
        // two extra keys: bias_k and the zero key
        assertArrayEquals(new long[] {2, 3, 7}, m.forward(q, kv, kv, padding(), mask, true).weights().shape());
        assertModuleGradients(m, in -> m.forward(in.get(0), in.get(1), in.get(1), padding(), mask, true).output(), q, kv);
    }

    @Test
    void withAddBiasKvOnly() {
        MultiHeadAttention m = mha(options(true, true, false, 4, 4));
        assertModuleGradients(m, in -> m.forward(in.get(0), null).output(), normal(new Rng(219), 2, 3, 4));
    }

    @Test
    void withAddZeroAttnOnlyAndKeyPadding() {
        MultiHeadAttention m = mha(options(true, false, true, 4, 4));
        Rng rng = new Rng(220);
        assertModuleGradients(m, in -> m.forward(in.get(0), in.get(1), in.get(1), padding(), null, true).output(),
                normal(rng, 2, 3, 4), normal(rng, 2, 5, 4));
    }

    @Test
    void perHeadWeightsWithPerHeadMask() {
        MultiHeadAttention m = mha(MultiHeadAttention.Options.of(4, 2));
        Rng rng = new Rng(221);
        Tensor q = normal(rng, 2, 3, 4);
        Tensor kv = normal(rng, 2, 5, 4);
        // [B·h, L, S]: batch-major, as torch.nn.MultiheadAttention expects
        INDArray blocked = Nd4j.zeros(DataType.DOUBLE, 4, 3, 5);
        blocked.putScalar(new long[] {1, 0, 2}, 1);
        blocked.putScalar(new long[] {2, 1, 0}, 1);
        Tensor mask = Masks.fromBlocked(blocked, DataType.DOUBLE);
        INDArray perHead = m.forward(q, kv, kv, null, mask, false).weights().data();
        INDArray averaged = m.forward(q, kv, kv, null, mask, true).weights().data();
        assertArrayEquals(new long[] {2, 2, 3, 5}, perHead.shape());
        assertEquals(0.0, perHead.getDouble(0, 1, 0, 2), 0);
        assertEquals(0.0, perHead.getDouble(1, 0, 1, 0), 0);
        assertEquals(0, perHead.mean(1).sub(averaged).amaxNumber().doubleValue(), 1e-12);
        assertModuleGradients(m, in -> m.forward(in.get(0), in.get(1), in.get(1), null, mask, false).output(), q, kv);
    }

    @Test
    void fourDimensionalPerHeadMask() {
        MultiHeadAttention m = mha(MultiHeadAttention.Options.of(4, 2));
        INDArray blocked = Nd4j.zeros(DataType.DOUBLE, 2, 2, 3, 3);
        blocked.putScalar(new long[] {0, 1, 2, 0}, 1);
        blocked.putScalar(new long[] {1, 0, 0, 1}, 1);
        Tensor mask = Masks.fromBlocked(blocked, DataType.DOUBLE);
        assertModuleGradients(m, in -> m.forward(in.get(0), mask).output(), normal(new Rng(222), 2, 3, 4));
    }

    @Test
    void reusingAKeyPaddingArrayOfTheModelDtypeGivesTheSameOutput() {
        MultiHeadAttention m = mha(MultiHeadAttention.Options.of(4, 2));
        Rng rng = new Rng(224);
        Tensor q = normal(rng, 2, 3, 4);
        Tensor kv = normal(rng, 2, 5, 4);
        INDArray pad = padding();
        INDArray first = m.forward(q, kv, kv, pad, null, true).output().data();
        assertEquals(padding(), pad, "forward modified the caller's key_padding_mask");
        INDArray second = m.forward(q, kv, kv, pad, null, true).output().data();
        assertEquals(first, second);
    }

    @Test
    void keyPaddingAsBooleanOrLongGivesTheSameOutputAsDouble() {
        MultiHeadAttention m = mha(MultiHeadAttention.Options.of(4, 2));
        Rng rng = new Rng(225);
        Tensor q = normal(rng, 2, 3, 4);
        Tensor kv = normal(rng, 2, 5, 4);
        INDArray expected = m.forward(q, kv, kv, padding(), null, true).output().data();
        assertEquals(expected, m.forward(q, kv, kv, padding().castTo(DataType.BOOL), null, true).output().data());
        assertEquals(expected, m.forward(q, kv, kv, padding().castTo(DataType.LONG), null, true).output().data());
    }

    @Test
    void fusedSelfAttentionPathEqualsTheSeparateProjectionPath() {
        MultiHeadAttention m = mha(MultiHeadAttention.Options.of(4, 2));
        Tensor x = normal(new Rng(223), 2, 3, 4);
        INDArray fused = m.forward(x, x, x, null, null, true).output().data();
        INDArray separate = m.forward(x, x.mul(1.0), x.mul(1.0), null, null, true).output().data();
        assertEquals(0, fused.sub(separate).amaxNumber().doubleValue(), 1e-12);
    }
}
