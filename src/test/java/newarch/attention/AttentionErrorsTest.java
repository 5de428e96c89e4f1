package newarch.attention;

import static newarch.tensor.ErrorAssert.assertBadInput;
import static newarch.tensor.ErrorAssert.assertShapeError;
import static newarch.tensor.GradAssert.normal;

import newarch.tensor.Rng;
import newarch.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class AttentionErrorsTest {
    private final Rng rng = new Rng(240);

    private MultiHeadAttention mha() {
        MultiHeadAttention m = new MultiHeadAttention(4, 2, rng);
        m.to(DataType.DOUBLE);
        return m;
    }

    @Test
    void attendLastDimensionsMustMatch() {
        assertShapeError("q is [2,5,64] but k is [2,7,32]: last dimensions must match",
                () -> ScaledDotProductAttention.attend(normal(rng, 2, 5, 64), normal(rng, 2, 7, 32), normal(rng, 2, 7, 32), null));
    }

    @Test
    void attendKeysAndValuesMustHaveTheSameLength() {
        assertShapeError("k is [2,7,4] but v is [2,6,4]: they must have the same number of positions (dimension -2)",
                () -> ScaledDotProductAttention.attend(normal(rng, 2, 5, 4), normal(rng, 2, 7, 4), normal(rng, 2, 6, 4), null));
    }

    @Test
    void attendLeadingDimensionsMustBeEqual() {
        assertShapeError("q is [2,5,4], k is [3,7,4], v is [3,7,4]: leading (batch, head) dimensions must be equal",
                () -> ScaledDotProductAttention.attend(normal(rng, 2, 5, 4), normal(rng, 3, 7, 4), normal(rng, 3, 7, 4), null));
        assertBadInput(() -> ScaledDotProductAttention.attend(normal(rng, 2, 5, 4), normal(rng, 7, 4), normal(rng, 7, 4), null),
                "[2,5,4]", "[7,4]");
    }

    @Test
    void attendNeedsAtLeastTwoDimensions() {
        assertShapeError("q is [4] but must have at least 2 dimensions",
                () -> ScaledDotProductAttention.attend(normal(rng, 4), normal(rng, 3, 4), normal(rng, 3, 4), null));
    }

    @Test
    void attendMaskMustBroadcastToTheScores() {
        assertBadInput(() -> ScaledDotProductAttention.attend(normal(rng, 2, 5, 4), normal(rng, 2, 7, 4), normal(rng, 2, 7, 4),
                Tensor.constant(Nd4j.zeros(DataType.DOUBLE, 5, 6))), "mask", "[5,6]", "[2,5,7]");
        assertShapeError("mask is [3,1,5,7] but must broadcast to the scores [2,5,7] ([..., L, S])",
                () -> ScaledDotProductAttention.attend(normal(rng, 2, 5, 4), normal(rng, 2, 7, 4), normal(rng, 2, 7, 4),
                        Tensor.constant(Nd4j.zeros(DataType.DOUBLE, 3, 1, 5, 7))));
    }

    @Test
    void attendRejectsIntegerInputs() {
        Tensor ints = Tensor.constant(Nd4j.ones(DataType.INT, 2, 3, 4));
        assertShapeError("q is INT [2,3,4] but must be floating point (FLOAT or DOUBLE)",
                () -> ScaledDotProductAttention.attend(ints, ints, ints, null));
        assertBadInput(() -> ScaledDotProductAttention.attend(normal(rng, 2, 3, 4), ints, normal(rng, 2, 3, 4), null),
                "k", "INT");
    }

    @Test
    void attendRejectsAMaskOfAnotherType() {
        assertBadInput(() -> ScaledDotProductAttention.attend(normal(rng, 2, 3, 4), normal(rng, 2, 3, 4), normal(rng, 2, 3, 4),
                Tensor.constant(Nd4j.zeros(DataType.FLOAT, 3, 3))), "mask", "FLOAT");
    }

    @Test
    void mhaWrongEmbedDim() {
        assertShapeError("query is [2,3,5] but its dimension 2 must be 4 (embed_dim)", () -> mha().forward(normal(rng, 2, 3, 5), null));
        assertShapeError("query is [3,4] but must have rank 3", () -> mha().forward(normal(rng, 3, 4), null));
    }

    @Test
    void mhaWrongKdimVdimAndLengths() {
        MultiHeadAttention m = mha();
        assertShapeError("key is [2,5,3] but its dimension 2 must be 4 (kdim)",
                () -> m.forward(normal(rng, 2, 3, 4), normal(rng, 2, 5, 3), normal(rng, 2, 5, 4), null, null, true));
        assertShapeError("query is [2,3,4], key is [2,5,4], value is [2,6,4]: batch sizes must match and key and value "
                + "must have the same length",
                () -> m.forward(normal(rng, 2, 3, 4), normal(rng, 2, 5, 4), normal(rng, 2, 6, 4), null, null, true));
        assertShapeError("query is [2,3,4], key is [1,5,4], value is [1,5,4]: batch sizes must match and key and value "
                + "must have the same length",
                () -> m.forward(normal(rng, 2, 3, 4), normal(rng, 1, 5, 4), normal(rng, 1, 5, 4), null, null, true));
    }

    @Test
    void mhaWrongKeyPaddingMaskShape() {
        Tensor kv = normal(rng, 2, 5, 4);
        assertShapeError("key_padding_mask is [2,3] but must be [batch, keys] = [2,5]",
                () -> mha().forward(normal(rng, 2, 3, 4), kv, kv, Nd4j.zeros(2, 3), null, true));
        assertShapeError("key_padding_mask is [2,1,5] but must be [batch, keys] = [2,5]",
                () -> mha().forward(normal(rng, 2, 3, 4), kv, kv, Nd4j.zeros(2, 1, 5), null, true));
    }

    @Test
    void mhaWrongAttnMaskShape() {
        Tensor kv = normal(rng, 2, 5, 4);
        assertShapeError("attn_mask is [3,3] but must be [3,5]",
                () -> mha().forward(normal(rng, 2, 3, 4), kv, kv, null, Tensor.constant(Nd4j.zeros(DataType.DOUBLE, 3, 3)), true));
        assertShapeError("attn_mask is [2,3,5] but must be [4,3,5]",
                () -> mha().forward(normal(rng, 2, 3, 4), kv, kv, null, Tensor.constant(Nd4j.zeros(DataType.DOUBLE, 2, 3, 5)), true));
        assertShapeError("attn_mask is [2,1,3,5] but must be [2,2,3,5]",
                () -> mha().forward(normal(rng, 2, 3, 4), kv, kv, null, Tensor.constant(Nd4j.zeros(DataType.DOUBLE, 2, 1, 3, 5)), true));
    }

    @Test
    void mhaIntegerQueryNamesTheArgument() {
        Tensor ints = Tensor.constant(Nd4j.ones(DataType.INT, 2, 3, 4));
        assertBadInput(() -> mha().forward(ints, null), "query", "[2,3,4]");
    }

    @Test
    void mhaIntegerQueryIsRejected() {
        Tensor ints = Tensor.constant(Nd4j.ones(DataType.INT, 2, 3, 4));
        assertBadInput(() -> mha().forward(ints, null), "INT");
    }

    @Test
    void mhaEmbedDimNotDivisibleByHeads() {
        assertBadInput(() -> new MultiHeadAttention(6, 4, rng), "embed_dim 6", "num_heads 4");
    }

    @Test
    void additiveAttentionWrongShapes() {
        AdditiveAttention a = new AdditiveAttention(4, 3, 5, rng);
        a.to(DataType.DOUBLE);
        assertShapeError("query is [3,4] but must have rank 3",
                () -> a.forward(normal(rng, 3, 4), normal(rng, 2, 5, 3), normal(rng, 2, 5, 2), null));
        assertShapeError("query is [2,3,4], key is [2,5,3], value is [2,6,2]: batch sizes must match and key and value "
                + "must have the same length",
                () -> a.forward(normal(rng, 2, 3, 4), normal(rng, 2, 5, 3), normal(rng, 2, 6, 2), null));
        assertBadInput(() -> a.forward(normal(rng, 2, 3, 4), normal(rng, 2, 5, 4), normal(rng, 2, 5, 2), null), "[2,5,4]", "3");
    }

    @Test
    void masksRejectBadShapes() {
        assertShapeError("adjacency is [2,3] but must be square [N, N]", () -> Masks.graph(Nd4j.zeros(2, 3), DataType.FLOAT));
        assertShapeError("key_padding_mask is [4] but must be [batch, keys]", () -> Masks.keyPadding(Nd4j.zeros(4), DataType.FLOAT));
    }

    @Test
    void positionalEncodingTableTooShort() {
        Tensor table = Tensor.constant(PositionalEncoding.sinusoidal(4, 6, 10000, DataType.DOUBLE));
        assertShapeError("x is [2,5,6] but the position table is [4,6]: need at least 5 positions of width 6",
                () -> PositionalEncoding.addTo(normal(rng, 2, 5, 6), table));
    }
}
