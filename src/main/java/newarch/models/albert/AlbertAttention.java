package newarch.models.albert;

import newarch.models.bert.BertSelfAttention;
import newarch.models.bert.EncoderInit;
import newarch.nn.Dropout;
import newarch.nn.LayerNorm;
import newarch.nn.Linear;
import newarch.nn.Module;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;

/**
 * ALBERT's attention sublayer: BERT's self-attention and its output (projection, residual, LayerNorm) in one module
 * with flat names {@code query}, {@code key}, {@code value}, {@code dense}, {@code LayerNorm}.
 */
public class AlbertAttention extends Module {
    private final BertSelfAttention heads;
    private final Linear dense;
    private final LayerNorm layerNorm;
    private final Dropout outputDropout;

    public AlbertAttention(AlbertConfig c, Rng rng) {
        // Registered under the empty name: its query/key/value appear directly under this module, as in ALBERT.
        this.heads = child("", new BertSelfAttention(c.hiddenSize(), c.numAttentionHeads(),
                c.attentionProbsDropoutProb(), c.initializerRange(), rng));
        this.dense = child("dense", EncoderInit.linear(c.hiddenSize(), c.hiddenSize(), c.initializerRange(), rng));
        this.layerNorm = child("LayerNorm", new LayerNorm(c.hiddenSize(), c.layerNormEps()));
        this.outputDropout = child("output_dropout", new Dropout(c.hiddenDropoutProb(), rng));
    }

    /** x [B, L, H], additive mask [B, 1, 1, L] or null → LayerNorm(x + Dropout(dense(attention))) [B, L, H]. */
    public Tensor forward(Tensor x, Tensor mask) {
        return layerNorm.forward(x.add(outputDropout.forward(dense.forward(heads.forward(x, mask)))));
    }
}
