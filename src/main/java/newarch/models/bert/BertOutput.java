package newarch.models.bert;

import newarch.nn.Dropout;
import newarch.nn.LayerNorm;
import newarch.nn.Linear;
import newarch.nn.Module;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;

/** The second half of the feed-forward sublayer: LayerNorm(x + Dropout(h W₂ + b₂)), intermediate_size → H. */
public class BertOutput extends Module {
    private final Linear dense;
    private final LayerNorm layerNorm;
    private final Dropout dropout;

    public BertOutput(BertConfig c, Rng rng) {
        this.dense = child("dense", EncoderInit.linear(c.intermediateSize(), c.hiddenSize(), c.initializerRange(), rng));
        this.layerNorm = child("LayerNorm", new LayerNorm(c.hiddenSize(), c.layerNormEps()));
        this.dropout = child("dropout", new Dropout(c.hiddenDropoutProb(), rng));
    }

    /** h [B, L, intermediate_size], residual [B, L, H] → [B, L, H]. */
    public Tensor forward(Tensor h, Tensor residual) {
        return layerNorm.forward(dropout.forward(dense.forward(h)).add(residual));
    }
}
