package newarch.conform;

import java.util.Map;
import newarch.models.bert.BertModel;
import newarch.tensor.Rng;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Hugging Face BertModel: input_ids, attention_mask, token_type_ids → last_hidden_state, pooler_output. */
final class BertRunner implements KindRunner {
    @Override
    public Map<String, INDArray> run(Fixture f) {
        BertModel model = new BertModel(HuggingFaceConfigs.bert(f.config(), f.name()), new Rng(0));
        model.loadHuggingFace(f.weights());
        return EncoderInputs.run(f, model, model::forward);
    }

}
