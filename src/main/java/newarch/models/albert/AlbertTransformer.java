package newarch.models.albert;

import newarch.models.bert.EncoderInit;
import newarch.nn.Linear;
import newarch.nn.Module;
import newarch.nn.ModuleList;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;

/**
 * ALBERT's encoder: {@code embedding_hidden_mapping_in} lifts the E-wide embeddings to H (the second factor of the
 * factorised embedding, V·E + E·H parameters instead of V·H), then num_hidden_layers steps each run one of the
 * num_hidden_groups shared {@link AlbertLayerGroup}s. With one group (ALBERT's default) every step reuses the same
 * weights: depth without parameters.
 */
public class AlbertTransformer extends Module {
    private final AlbertConfig config;
    private final Linear embeddingHiddenMappingIn;
    private final ModuleList<AlbertLayerGroup> albertLayerGroups;

    public AlbertTransformer(AlbertConfig c, Rng rng) {
        this.config = c;
        this.embeddingHiddenMappingIn = child("embedding_hidden_mapping_in",
                EncoderInit.linear(c.embeddingSize(), c.hiddenSize(), c.initializerRange(), rng));
        this.albertLayerGroups = child("albert_layer_groups",
                new ModuleList<>(c.numHiddenGroups(), i -> new AlbertLayerGroup(c, rng)));
    }

    /** embedded [B, L, E], additive mask [B, 1, 1, L] or null → [B, L, H]. */
    public Tensor forward(Tensor embedded, Tensor mask) {
        Tensor x = embeddingHiddenMappingIn.forward(embedded);          // [B, L, H]
        for (int i = 0; i < config.numHiddenLayers(); i++) {
            x = albertLayerGroups.get(config.groupOf(i)).forward(x, mask);
        }
        return x;
    }
}
