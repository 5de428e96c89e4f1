package newarch.models.bert;

import newarch.nn.Linear;
import newarch.nn.Module;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;

/** The first half of BERT's position-wise feed-forward network: act(x W₁ + b₁), H → intermediate_size. */
public class BertIntermediate extends Module {
    private final Linear dense;
    private final HiddenActivation activation;

    public BertIntermediate(BertConfig c, Rng rng) {
        this.dense = child("dense", EncoderInit.linear(c.hiddenSize(), c.intermediateSize(), c.initializerRange(), rng));
        this.activation = new HiddenActivation(c.hiddenAct(), "hidden_act");
    }

    /** [B, L, H] → [B, L, intermediate_size]. */
    public Tensor forward(Tensor x) {
        return activation.apply(dense.forward(x));
    }
}
