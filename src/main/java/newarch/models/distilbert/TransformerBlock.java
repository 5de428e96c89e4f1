package newarch.models.distilbert;

import newarch.nn.LayerNorm;
import newarch.nn.Module;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;

/**
 * One DistilBERT layer, the post-norm Transformer encoder layer: x ← sa_layer_norm(x + attention(x));
 * x ← output_layer_norm(x + ffn(x)). Its parameters map one to one onto a BERT layer's, which is what lets the
 * student start from the teacher's weights ({@link StudentInitializer}).
 */
public class TransformerBlock extends Module {
    private final MultiHeadSelfAttention attention;
    private final LayerNorm saLayerNorm;
    private final FFN ffn;
    private final LayerNorm outputLayerNorm;

    public TransformerBlock(DistilBertConfig c, Rng rng) {
        this.attention = child("attention", new MultiHeadSelfAttention(c, rng));
        this.saLayerNorm = child("sa_layer_norm", new LayerNorm(c.dim(), DistilBertConfig.LAYER_NORM_EPS));
        this.ffn = child("ffn", new FFN(c, rng));
        this.outputLayerNorm = child("output_layer_norm", new LayerNorm(c.dim(), DistilBertConfig.LAYER_NORM_EPS));
    }

    /** x [B, L, dim], additive mask [B, 1, 1, L] or null → [B, L, dim]. */
    public Tensor forward(Tensor x, Tensor mask) {
        Tensor sa = saLayerNorm.forward(attention.forward(x, mask).add(x));
        return outputLayerNorm.forward(ffn.forward(sa).add(sa));
    }
}
