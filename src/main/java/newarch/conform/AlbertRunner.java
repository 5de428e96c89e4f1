package newarch.conform;

import java.util.Map;
import newarch.models.albert.AlbertModel;
import newarch.tensor.Rng;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Hugging Face AlbertModel (any groups and inner groups): input_ids, attention_mask, token_type_ids → outputs. */
final class AlbertRunner implements KindRunner {
    @Override
    public Map<String, INDArray> run(Fixture f) {
        AlbertModel model = new AlbertModel(HuggingFaceConfigs.albert(f.config(), f.name()), new Rng(0));
        model.loadHuggingFace(f.weights());
        return EncoderInputs.run(f, model, model::forward);
    }

}
