package newarch.models.bert;

import newarch.nn.Dropout;
import newarch.nn.LayerNorm;
import newarch.nn.Linear;
import newarch.nn.Module;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;

/**
 * The attention sublayer's output: project the merged heads, dropout, add the residual and normalise (post-norm, as
 * in the original Transformer): LayerNorm(x + Dropout(dense(attended))).
 */
public class BertSelfOutput extends Module {
    private final Linear dense;
    private final LayerNorm layerNorm;
    private final Dropout dropout;

    public BertSelfOutput(BertConfig c, Rng rng) {
        this.dense = child("dense", EncoderInit.linear(c.hiddenSize(), c.hiddenSize(), c.initializerRange(), rng));
        this.layerNorm = child("LayerNorm", new LayerNorm(c.hiddenSize(), c.layerNormEps()));
        this.dropout = child("dropout", new Dropout(c.hiddenDropoutProb(), rng));
    }

    /** attended [B, L, H], residual [B, L, H] → [B, L, H]. */
    public Tensor forward(Tensor attended, Tensor residual) {
        return layerNorm.forward(dropout.forward(dense.forward(attended)).add(residual));
    }
}
