package newarch.conform;

import java.util.Map;
import newarch.models.albert.AlbertConfig;
import newarch.models.albert.AlbertModel;
import newarch.tensor.Rng;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Hugging Face AlbertModel (any groups and inner groups): input_ids, attention_mask, token_type_ids → outputs. */
final class AlbertRunner implements KindRunner {
    @Override
    public Map<String, INDArray> run(Fixture f) {
        AlbertModel model = new AlbertModel(config(f), new Rng(0));
        model.loadHuggingFace(f.weights());
        return EncoderInputs.run(f, model, model::forward);
    }

    /** AlbertConfig's names and defaults (those of albert-xxlarge); unsupported options are refused by name. */
    static AlbertConfig config(Fixture f) {
        FixtureConfig c = f.config();
        EncoderInputs.requireValue(c, f.name(), "position_embedding_type", "absolute",
                c.text("position_embedding_type", "absolute"));
        return new AlbertConfig(c.integer("vocab_size", 30000), c.integer("embedding_size", 128),
                c.integer("hidden_size", 4096), c.integer("num_hidden_layers", 12),
                c.integer("num_hidden_groups", 1), c.integer("num_attention_heads", 64),
                c.integer("intermediate_size", 16384), c.integer("inner_group_num", 1),
                c.text("hidden_act", "gelu_new"), c.real("hidden_dropout_prob", 0),
                c.real("attention_probs_dropout_prob", 0), c.integer("max_position_embeddings", 512),
                c.integer("type_vocab_size", 2), c.real("initializer_range", 0.02), c.real("layer_norm_eps", 1e-12));
    }
}
