package newarch.conform;

import java.util.Map;
import newarch.models.bert.BertConfig;
import newarch.models.bert.BertModel;
import newarch.tensor.Rng;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Hugging Face BertModel: input_ids, attention_mask, token_type_ids → last_hidden_state, pooler_output. */
final class BertRunner implements KindRunner {
    @Override
    public Map<String, INDArray> run(Fixture f) {
        BertModel model = new BertModel(config(f), new Rng(0));
        model.loadHuggingFace(f.weights());
        return EncoderInputs.run(f, model, model::forward);
    }

    /** BertConfig's names and defaults; options BertModel has and this model lacks are refused by name. */
    static BertConfig config(Fixture f) {
        FixtureConfig c = f.config();
        EncoderInputs.requireValue(c, f.name(), "position_embedding_type", "absolute",
                c.text("position_embedding_type", "absolute"));
        EncoderInputs.requireValue(c, f.name(), "is_decoder", false, c.flag("is_decoder", false));
        EncoderInputs.requireValue(c, f.name(), "add_cross_attention", false, c.flag("add_cross_attention", false));
        return new BertConfig(c.integer("vocab_size", 30522), c.integer("hidden_size", 768),
                c.integer("num_hidden_layers", 12), c.integer("num_attention_heads", 12),
                c.integer("intermediate_size", 3072), c.text("hidden_act", "gelu"),
                c.real("hidden_dropout_prob", 0.1), c.real("attention_probs_dropout_prob", 0.1),
                c.integer("max_position_embeddings", 512), c.integer("type_vocab_size", 2),
                c.real("initializer_range", 0.02), c.real("layer_norm_eps", 1e-12));
    }
}
