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

/** One encoder layer: self-attention, then the position-wise feed-forward network, each inside a residual. */
public class TransformerEncoderLayer extends Module {
    private final MultiHeadAttention selfAttn;
    private final FeedForward feedForward;
    private final LayerNorm norm1;
    private final LayerNorm norm2;
    private final Dropout dropout1;
    private final Dropout dropout2;
    private final boolean normFirst;

    public TransformerEncoderLayer(TransformerConfig c, Rng rng) {
        selfAttn = child("self_attn", new MultiHeadAttention(
                new MultiHeadAttention.Options(c.dModel(), c.nhead(), c.dropout(), c.bias(), false, false,
                        c.dModel(), c.dModel()), rng));
        feedForward = child("", new FeedForward(c.dModel(), c.dimFeedforward(), c.activation(), c.dropout(), c.bias(), rng));
        norm1 = child("norm1", new LayerNorm(new long[] {c.dModel()}, c.layerNormEps(), true, c.bias()));
        norm2 = child("norm2", new LayerNorm(new long[] {c.dModel()}, c.layerNormEps(), true, c.bias()));
        dropout1 = child("dropout1", new Dropout(c.dropout(), rng));
        dropout2 = child("dropout2", new Dropout(c.dropout(), rng));
        normFirst = c.normFirst();
    }

    /**
     * @param src        [B, L, d_model]
     * @param srcMask    additive [L, L] or null
     * @param keyPadding [B, L], non-zero at padding, or null
     */
    public Tensor forward(Tensor src, Tensor srcMask, INDArray keyPadding) {
        Tensor x = Residual.apply(normFirst, norm1, dropout1, src,
                h -> selfAttn.forward(h, h, h, keyPadding, srcMask, true).output());
        return Residual.apply(normFirst, norm2, dropout2, x, feedForward::forward);
    }

    public MultiHeadAttention selfAttention() {
        return selfAttn;
    }
}
