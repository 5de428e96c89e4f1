package newarch.models.albert;

import java.util.LinkedHashMap;
import java.util.Map;
import newarch.models.bert.EncoderOutput;
import newarch.models.bert.PreTrainingOutput;
import newarch.nn.Module;
import newarch.tensor.Rng;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * ALBERT with its pre-training heads, as Hugging Face's {@code AlbertForPreTraining}: {@code albert},
 * {@code predictions} (masked LM) and {@code sop_classifier} (sentence order). The loss is
 * {@link newarch.models.bert.PreTrainingLoss}.
 */
public class AlbertForPreTraining extends Module {
    private final AlbertModel albert;
    private final AlbertMLMHead predictions;
    private final AlbertSOPHead sopClassifier;

    public AlbertForPreTraining(AlbertConfig config, Rng rng) {
        this.albert = child("albert", new AlbertModel(config, true, rng));
        this.predictions = child("predictions", new AlbertMLMHead(config, rng));
        this.sopClassifier = child("sop_classifier", new AlbertSOPHead(config, 0.1, rng));
    }

    public PreTrainingOutput forward(INDArray inputIds, INDArray attentionMask, INDArray tokenTypeIds) {
        EncoderOutput enc = albert.forward(inputIds, attentionMask, tokenTypeIds);
        return new PreTrainingOutput(predictions.forward(enc.lastHiddenState(), albert.embeddings().wordEmbeddings()),
                sopClassifier.forward(enc.poolerOutput()), enc);
    }

    /** As the 3-argument forward, with masked-LM logits [N, V] only at {@code maskedPositions} (flat b·L + l). */
    public PreTrainingOutput forward(INDArray inputIds, INDArray attentionMask, INDArray tokenTypeIds,
                                     INDArray maskedPositions) {
        EncoderOutput enc = albert.forward(inputIds, attentionMask, tokenTypeIds);
        return new PreTrainingOutput(predictions.forward(newarch.models.bert.MaskedPositions.gather(
                enc.lastHiddenState(), maskedPositions), albert.embeddings().wordEmbeddings()),
                sopClassifier.forward(enc.poolerOutput()), enc);
    }

    /** Loads a Hugging Face AlbertForPreTraining checkpoint strictly; the tied decoder and position ids are skipped. */
    public void loadHuggingFace(Map<String, INDArray> checkpoint) {
        Map<String, INDArray> state = new LinkedHashMap<>();
        checkpoint.forEach((k, v) -> {
            if (!k.startsWith("predictions.decoder.") && !k.endsWith("position_ids")
                    && !k.endsWith("embeddings.token_type_ids")) {
                state.put(k, v);
            }
        });
        loadStateDict(state, true);
    }

    public AlbertModel albert() {
        return albert;
    }
}
