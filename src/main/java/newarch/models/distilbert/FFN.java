package newarch.models.distilbert;

import newarch.models.bert.EncoderInit;
import newarch.models.bert.HiddenActivation;
import newarch.nn.Dropout;
import newarch.nn.Linear;
import newarch.nn.Module;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;

/** DistilBERT's position-wise feed-forward network {@code ffn}: lin1 → activation → lin2 → dropout. */
public class FFN extends Module {
    private final Linear lin1;
    private final Linear lin2;
    private final HiddenActivation activation;
    private final Dropout dropout;

    public FFN(DistilBertConfig c, Rng rng) {
        this.lin1 = child("lin1", EncoderInit.linear(c.dim(), c.hiddenDim(), c.initializerRange(), rng));
        this.lin2 = child("lin2", EncoderInit.linear(c.hiddenDim(), c.dim(), c.initializerRange(), rng));
        this.activation = new HiddenActivation(c.activation(), "activation");
        this.dropout = child("dropout", new Dropout(c.dropout(), rng));
    }

    /** [B, L, dim] → [B, L, dim]. */
    public Tensor forward(Tensor x) {
        return dropout.forward(lin2.forward(activation.apply(lin1.forward(x))));
    }
}
