package newarch.models.sandwich;

import newarch.nn.Dropout;
import newarch.nn.LayerNorm;
import newarch.nn.Module;
import newarch.nn.Residual;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;

/**
 * One sublayer with its own residual connection and LayerNorm: the unit a sublayer order rearranges. The
 * transformation f is a self-attention ({@link SelfAttentionSublayer}) or a feed-forward network
 * ({@link FeedForwardSublayer}).
 */
public abstract class Sublayer extends Module {
    private final LayerNorm norm;
    private final Dropout dropout;
    private final boolean normFirst;

    protected Sublayer(SandwichConfig c, Rng rng) {
        this.norm = child("norm", new LayerNorm(c.dModel(), c.layerNormEps()));
        this.dropout = child("dropout", new Dropout(c.dropout(), rng));
        this.normFirst = c.normFirst();
    }

    /**
     * @param x      [B, L, d_model]
     * @param causal additive [L, L] mask so that position t sees only 0..t
     */
    public Tensor forward(Tensor x, Tensor causal) {
        return Residual.apply(normFirst, norm, dropout, x, h -> transform(h, causal));
    }

    /** f itself, without residual and norm: [B, L, d_model] → [B, L, d_model]. */
    protected abstract Tensor transform(Tensor x, Tensor causal);
}
