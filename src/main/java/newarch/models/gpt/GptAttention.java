package newarch.models.gpt;

import newarch.attention.ScaledDotProductAttention;
import newarch.nn.Dropout;
import newarch.nn.Module;
import newarch.tensor.Reshaping;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;

/**
 * GPT-2's masked multi-head self-attention ({@code attn}): one Conv1D {@code c_attn} [E, 3E] makes queries, keys and
 * values for every head at once, each position attends to itself and the positions before it, and {@code c_proj}
 * [E, E] mixes the heads' outputs back into the residual stream.
 */
public class GptAttention extends Module {
    private final Conv1D cAttn;
    private final Conv1D cProj;
    private final Dropout residDropout;
    private final int heads;
    private final int headDim;
    private final double scale;
    private final double attnPdrop;
    private final Rng rng;

    /**
     * @param layerIndex the block's index, which sets the extra 1/(i+1) score scale when the config asks for it
     * @param projStd    the init std of {@code c_proj}: GPT-2 shrinks it by √(2·n_layer), one factor per residual add
     */
    public GptAttention(GptConfig c, int layerIndex, double projStd, Rng rng) {
        this.cAttn = child("c_attn", new Conv1D(c.nEmbd(), 3L * c.nEmbd(), GptModel.INIT_STD, rng));
        this.cProj = child("c_proj", new Conv1D(c.nEmbd(), c.nEmbd(), projStd, rng));
        this.residDropout = child("resid_dropout", new Dropout(c.residPdrop(), rng));
        this.heads = c.nHead();
        this.headDim = c.headDim();
        double s = c.scaleAttnWeights() ? 1 / Math.sqrt(headDim) : 1;
        this.scale = c.scaleAttnByInverseLayerIdx() ? s / (layerIndex + 1) : s;
        this.attnPdrop = c.attnPdrop();
        this.rng = rng;
    }

    /**
     * @param x    [B, L, E], already layer-normed
     * @param mask additive, broadcastable to [B, heads, L, L]: causal, plus −∞ at padded keys
     */
    public Tensor forward(Tensor x, Tensor mask) {
        long e = x.size(2);
        Tensor[] qkv = Reshaping.split(cAttn.forward(x), -1, e, e, e); // 3 × [B, L, E]
        Tensor out = ScaledDotProductAttention.attend(splitHeads(qkv[0]), splitHeads(qkv[1]), splitHeads(qkv[2]),
                mask, scale, isTraining() ? attnPdrop : 0, rng).output(); // [B, heads, L, headDim]
        Tensor merged = out.permute(0, 2, 1, 3).reshape(x.size(0), x.size(1), e); // [B, L, E]
        return residDropout.forward(cProj.forward(merged));
    }

    /** [B, L, E] → [B, heads, L, headDim]. */
    private Tensor splitHeads(Tensor t) {
        return t.reshape(t.size(0), t.size(1), heads, headDim).permute(0, 2, 1, 3);
    }
}
