package newarch.models.bert;

import newarch.attention.ScaledDotProductAttention;
import newarch.nn.Linear;
import newarch.nn.Module;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;

/**
 * Bidirectional multi-head self-attention with separate {@code query}, {@code key}, {@code value} projections, as
 * BERT stores them: every token attends to every real token on both sides. It returns the heads' outputs merged back
 * to [B, L, H], before the output projection (which BERT keeps in {@link BertSelfOutput}, ALBERT next to it).
 */
public class BertSelfAttention extends Module {
    private final Linear query;
    private final Linear key;
    private final Linear value;
    private final int heads;
    private final int headDim;
    private final double dropout;
    private final Rng rng;

    public BertSelfAttention(int hiddenSize, int heads, double attentionDropout, double initStd, Rng rng) {
        if (heads <= 0 || hiddenSize % heads != 0) {
            throw new IllegalArgumentException("hidden size " + hiddenSize + " must be a multiple of the number of "
                    + "attention heads " + heads);
        }
        this.query = child("query", EncoderInit.linear(hiddenSize, hiddenSize, initStd, rng));
        this.key = child("key", EncoderInit.linear(hiddenSize, hiddenSize, initStd, rng));
        this.value = child("value", EncoderInit.linear(hiddenSize, hiddenSize, initStd, rng));
        this.heads = heads;
        this.headDim = hiddenSize / heads;
        this.dropout = attentionDropout;
        this.rng = rng;
    }

    /**
     * @param x    [B, L, H]
     * @param mask additive [B, 1, 1, L] ({@link ExtendedAttentionMask}) or null
     * @return the attended values, heads merged: [B, L, H]
     */
    public Tensor forward(Tensor x, Tensor mask) {
        Tensor context = ScaledDotProductAttention.attend(splitHeads(query.forward(x)), splitHeads(key.forward(x)),
                splitHeads(value.forward(x)), mask, 1 / Math.sqrt(headDim), isTraining() ? dropout : 0, rng)
                .output();                                                                     // [B, A, L, d]
        return mergeHeads(context);
    }

    /** [B, L, A·d] → [B, A, L, d]. */
    public static Tensor splitHeads(Tensor t, int heads) {
        long d = t.size(2) / heads;
        return t.reshape(t.size(0), t.size(1), heads, d).permute(0, 2, 1, 3);
    }

    /** [B, A, L, d] → [B, L, A·d]. */
    public static Tensor mergeHeads(Tensor t) {
        return t.permute(0, 2, 1, 3).reshape(t.size(0), t.size(2), t.size(1) * t.size(3));
    }

    private Tensor splitHeads(Tensor t) {
        return splitHeads(t, heads);
    }
}
