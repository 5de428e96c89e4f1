package newarch.models.bert;

import newarch.nn.Module;
import newarch.nn.ModuleList;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;

/** The stack {@code layer.0 … layer.(L−1)} of BERT layers, each with its own weights. */
public class BertEncoder extends Module {
    private final ModuleList<BertLayer> layer;

    public BertEncoder(BertConfig c, Rng rng) {
        this.layer = child("layer", new ModuleList<>(c.numHiddenLayers(), i -> new BertLayer(c, rng)));
    }

    /** x [B, L, H], additive mask [B, 1, 1, L] or null → [B, L, H]. */
    public Tensor forward(Tensor x, Tensor mask) {
        for (BertLayer l : layer) {
            x = l.forward(x, mask);
        }
        return x;
    }

    public BertLayer layer(int i) {
        return layer.get(i);
    }
}
