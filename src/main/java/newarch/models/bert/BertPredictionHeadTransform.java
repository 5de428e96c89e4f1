package newarch.models.bert;

import newarch.nn.LayerNorm;
import newarch.nn.Linear;
import newarch.nn.Module;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;

/** The masked-LM head's transform before the vocabulary projection: LayerNorm(act(h W + b)), H → H. */
public class BertPredictionHeadTransform extends Module {
    private final Linear dense;
    private final HiddenActivation activation;
    private final LayerNorm layerNorm;

    public BertPredictionHeadTransform(BertConfig c, Rng rng) {
        this.dense = child("dense", EncoderInit.linear(c.hiddenSize(), c.hiddenSize(), c.initializerRange(), rng));
        this.activation = new HiddenActivation(c.hiddenAct(), "hidden_act");
        this.layerNorm = child("LayerNorm", new LayerNorm(c.hiddenSize(), c.layerNormEps()));
    }

    /** [B, L, H] → [B, L, H]. */
    public Tensor forward(Tensor h) {
        return layerNorm.forward(activation.apply(dense.forward(h)));
    }
}
