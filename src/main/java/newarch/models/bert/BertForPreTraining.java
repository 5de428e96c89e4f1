package newarch.models.bert;

import java.util.LinkedHashMap;
import java.util.Map;
import newarch.nn.Module;
import newarch.tensor.Rng;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * BERT with both pre-training heads, as Hugging Face's {@code BertForPreTraining}: {@code bert} (the encoder with
 * its pooler) and {@code cls} (masked-LM {@code cls.predictions.*}, next-sentence {@code cls.seq_relationship.*}).
 */
public class BertForPreTraining extends Module {
    private final BertModel bert;
    private final BertPreTrainingHeads cls;

    public BertForPreTraining(BertConfig config, Rng rng) {
        this.bert = child("bert", new BertModel(config, true, rng));
        this.cls = child("cls", new BertPreTrainingHeads(config, rng));
    }

    /** Inputs as {@link BertModel#forward(INDArray, INDArray, INDArray)}. */
    public PreTrainingOutput forward(INDArray inputIds, INDArray attentionMask, INDArray tokenTypeIds) {
        EncoderOutput enc = bert.forward(inputIds, attentionMask, tokenTypeIds);
        return new PreTrainingOutput(cls.predictionLogits(enc.lastHiddenState(), bert.embeddings().wordEmbeddings()),
                cls.seqRelationshipLogits(enc.poolerOutput()), enc);
    }

    /**
     * As {@link #forward(INDArray, INDArray, INDArray)}, but the masked-LM head runs only at {@code maskedPositions}
     * (flat indices b·L + l into the batch), so its logits are [N, V]: the vocabulary projection is by far the largest
     * product of a small model, and BERT's own pre-training code likewise gathers the predicted positions first.
     */
    public PreTrainingOutput forward(INDArray inputIds, INDArray attentionMask, INDArray tokenTypeIds,
                                     INDArray maskedPositions) {
        EncoderOutput enc = bert.forward(inputIds, attentionMask, tokenTypeIds);
        return new PreTrainingOutput(cls.predictionLogits(MaskedPositions.gather(enc.lastHiddenState(),
                maskedPositions), bert.embeddings().wordEmbeddings()), cls.seqRelationshipLogits(enc.poolerOutput()),
                enc);
    }

    /**
     * Loads a Hugging Face BertForPreTraining checkpoint strictly; the tied decoder ({@code cls.predictions.decoder.*},
     * equal to the token table and to {@code cls.predictions.bias}) and position-id buffers are skipped.
     */
    public void loadHuggingFace(Map<String, INDArray> checkpoint) {
        Map<String, INDArray> state = new LinkedHashMap<>();
        checkpoint.forEach((k, v) -> {
            if (!k.startsWith("cls.predictions.decoder.") && !k.endsWith("position_ids")
                    && !k.endsWith("embeddings.token_type_ids")) {
                state.put(k, v);
            }
        });
        loadStateDict(state, true);
    }

    public BertModel bert() {
        return bert;
    }
}
