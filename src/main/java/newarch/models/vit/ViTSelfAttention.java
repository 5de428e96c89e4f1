package newarch.models.vit;

import newarch.attention.AttentionOutput;
import newarch.attention.ScaledDotProductAttention;
import newarch.nn.Linear;
import newarch.nn.Module;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;

/**
 * Multi-head self-attention over all N+1 tokens, with no mask: every patch may look at every other. The projections
 * are {@code q_proj}, {@code k_proj}, {@code v_proj} (biases as {@code qkv_bias} says) and {@code o_proj}, the names
 * of Hugging Face transformers 5 ({@code attention.attention.query} … {@code attention.output.dense} before it).
 */
public class ViTSelfAttention extends Module {
    private final Linear qProj;
    private final Linear kProj;
    private final Linear vProj;
    private final Linear oProj;
    private final int heads;
    private final int headDim;

    public ViTSelfAttention(ViTConfig c, Rng rng) {
        int d = c.hiddenSize();
        this.qProj = child("q_proj", new Linear(d, d, c.qkvBias(), rng));
        this.kProj = child("k_proj", new Linear(d, d, c.qkvBias(), rng));
        this.vProj = child("v_proj", new Linear(d, d, c.qkvBias(), rng));
        this.oProj = child("o_proj", new Linear(d, d, true, rng));
        this.heads = c.numAttentionHeads();
        this.headDim = c.headDim();
    }

    /** x [B, L, D] (already layer-normed) → [B, L, D]. */
    public Tensor forward(Tensor x) {
        return attend(x).output();
    }

    /**
     * x [B, L, D] (already layer-normed) → the output [B, L, D] and, for inspection, the attention weights
     * [B, heads, L, L] (row i: how query token i spreads its attention over the keys; detached from the graph).
     */
    public AttentionOutput attend(Tensor x) {
        AttentionOutput a = ScaledDotProductAttention.attend(splitHeads(qProj.forward(x)), splitHeads(kProj.forward(x)),
                splitHeads(vProj.forward(x)), null, 1 / Math.sqrt(headDim), 0, null);
        Tensor out = a.output();                                                                       // [B, heads, L, headDim]
        Tensor merged = out.permute(0, 2, 1, 3).reshape(x.size(0), x.size(1), (long) heads * headDim); // [B, L, D]
        return new AttentionOutput(oProj.forward(merged), a.weights());
    }

    /** [B, L, D] → [B, heads, L, headDim]. */
    private Tensor splitHeads(Tensor t) {
        return t.reshape(t.size(0), t.size(1), heads, headDim).permute(0, 2, 1, 3);
    }
}
