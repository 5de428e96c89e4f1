package newarch.conform;

import java.util.Map;
import newarch.models.distilbert.DistilBertConfig;
import newarch.models.distilbert.DistilBertModel;
import newarch.tensor.Rng;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Hugging Face DistilBertModel (learned or sinusoidal positions): input_ids, attention_mask → last_hidden_state. */
final class DistilBertRunner implements KindRunner {
    @Override
    public Map<String, INDArray> run(Fixture f) {
        if (f.hasInput("token_type_ids")) {
            throw new FixtureException(f.name() + ": DistilBERT has no segment embeddings, so it takes no token_type_ids");
        }
        DistilBertModel model = new DistilBertModel(config(f), new Rng(0));
        model.loadHuggingFace(f.weights());
        return EncoderInputs.run(f, model, (ids, mask, types) -> model.forward(ids, mask));
    }

    /** DistilBertConfig's names and defaults. */
    static DistilBertConfig config(Fixture f) {
        FixtureConfig c = f.config();
        return new DistilBertConfig(c.integer("vocab_size", 30522), c.integer("max_position_embeddings", 512),
                c.flag("sinusoidal_pos_embds", false), c.integer("n_layers", 6), c.integer("n_heads", 12),
                c.integer("dim", 768), c.integer("hidden_dim", 4 * 768), c.real("dropout", 0.1),
                c.real("attention_dropout", 0.1), c.text("activation", "gelu"), c.real("initializer_range", 0.02));
    }
}
