package newarch.models.transformer;

import newarch.attention.MultiHeadAttention;
import newarch.nn.Dropout;
import newarch.nn.FeedForward;
import newarch.nn.LayerNorm;
import newarch.nn.Module;
import newarch.nn.Residual;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One decoder layer: masked self-attention over the target, cross-attention from the target to the encoder's
 * memory, then the feed-forward network, each inside a residual.
 */
public class TransformerDecoderLayer extends Module {
    private final MultiHeadAttention selfAttn;
    private final MultiHeadAttention crossAttn;
    private final FeedForward feedForward;
    private final LayerNorm norm1;
    private final LayerNorm norm2;
    private final LayerNorm norm3;
    private final Dropout dropout1;
    private final Dropout dropout2;
    private final Dropout dropout3;
    private final boolean normFirst;

    public TransformerDecoderLayer(TransformerConfig c, Rng rng) {
        MultiHeadAttention.Options attn = new MultiHeadAttention.Options(c.dModel(), c.nhead(), c.dropout(), c.bias(),
                false, false, c.dModel(), c.dModel());
        selfAttn = child("self_attn", new MultiHeadAttention(attn, rng));
        crossAttn = child("multihead_attn", new MultiHeadAttention(attn, rng));
        feedForward = child("", new FeedForward(c.dModel(), c.dimFeedforward(), c.activation(), c.dropout(), c.bias(), rng));
        norm1 = child("norm1", new LayerNorm(new long[] {c.dModel()}, c.layerNormEps(), true, c.bias()));
        norm2 = child("norm2", new LayerNorm(new long[] {c.dModel()}, c.layerNormEps(), true, c.bias()));
        norm3 = child("norm3", new LayerNorm(new long[] {c.dModel()}, c.layerNormEps(), true, c.bias()));
        dropout1 = child("dropout1", new Dropout(c.dropout(), rng));
        dropout2 = child("dropout2", new Dropout(c.dropout(), rng));
        dropout3 = child("dropout3", new Dropout(c.dropout(), rng));
        normFirst = c.normFirst();
    }

    public Tensor forward(Tensor tgt, Tensor memory, Masking m) {
        Tensor x = maskedSelfAttentionSublayer(tgt, m);
        x = Residual.apply(normFirst, norm2, dropout2, x,
                h -> crossAttn.forward(h, memory, memory, m.memoryKeyPadding(), m.memoryMask(), true).output());
        return Residual.apply(normFirst, norm3, dropout3, x, feedForward::forward);
    }

    /**
     * The weights [B, h, T, S] of the cross-attention in {@link #forward} for the same inputs: what each target
     * position reads from each source position, per head. For looking inside a layer (alignment figures, tests).
     */
    public Tensor crossAttentionWeights(Tensor tgt, Tensor memory, Masking m) {
        Tensor x = maskedSelfAttentionSublayer(tgt, m);
        Tensor query = normFirst ? norm2.forward(x) : x;
        return crossAttn.forward(query, memory, memory, m.memoryKeyPadding(), m.memoryMask(), false).weights();
    }

    private Tensor maskedSelfAttentionSublayer(Tensor tgt, Masking m) {
        return Residual.apply(normFirst, norm1, dropout1, tgt,
                h -> selfAttn.forward(h, h, h, m.tgtKeyPadding(), m.tgtMask(), true).output());
    }

    /** The decoder's optional masks; any of them may be null. */
    public record Masking(Tensor tgtMask, Tensor memoryMask, INDArray tgtKeyPadding, INDArray memoryKeyPadding) {
        public static Masking causal(Tensor tgtMask) {
            return new Masking(tgtMask, null, null, null);
        }
    }
}
