package newarch.conform;

import java.util.Map;
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
        DistilBertModel model = new DistilBertModel(HuggingFaceConfigs.distilBert(f.config()), new Rng(0));
        model.loadHuggingFace(f.weights());
        return EncoderInputs.run(f, model, (ids, mask, types) -> model.forward(ids, mask));
    }

}
