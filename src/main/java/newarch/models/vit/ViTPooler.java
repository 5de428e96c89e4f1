package newarch.models.vit;

import newarch.nn.Linear;
import newarch.nn.Module;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;

/** The pooler ({@code pooler.dense} and tanh, as in BERT): the final [CLS] state through a dense layer. */
public class ViTPooler extends Module {
    private final Linear dense;
    private final String activation;

    public ViTPooler(ViTConfig c, Rng rng) {
        this.dense = child("dense", new Linear(c.hiddenSize(), c.poolerOutputSize(), true, rng));
        this.activation = c.poolerAct();
    }

    /** hidden states [B, L, D] → [B, pooler_output_size], from token 0 ([CLS]). */
    public Tensor forward(Tensor hidden) {
        Tensor cls = hidden.slice(1, 0, 1).reshape(hidden.size(0), hidden.size(2)); // [B, D]
        return Activations.apply(activation, dense.forward(cls));
    }
}
