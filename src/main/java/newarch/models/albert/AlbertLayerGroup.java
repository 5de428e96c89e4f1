package newarch.models.albert;

import newarch.nn.Module;
import newarch.nn.ModuleList;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;

/** A group of inner_group_num distinct layers ({@code albert_layers.N}) that always run together, in order. */
public class AlbertLayerGroup extends Module {
    private final ModuleList<AlbertLayer> albertLayers;

    public AlbertLayerGroup(AlbertConfig c, Rng rng) {
        this.albertLayers = child("albert_layers", new ModuleList<>(c.innerGroupNum(), i -> new AlbertLayer(c, rng)));
    }

    /** x [B, L, H] through every inner layer → [B, L, H]. */
    public Tensor forward(Tensor x, Tensor mask) {
        for (AlbertLayer layer : albertLayers) {
            x = layer.forward(x, mask);
        }
        return x;
    }
}
