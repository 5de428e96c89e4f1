package newarch.models.bert;

import java.util.LinkedHashMap;
import java.util.Map;
import newarch.nn.Module;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * BERT, the bidirectional Transformer encoder (Devlin et al. 2019), as Hugging Face's {@code BertModel}:
 * {@code embeddings} (token + position + segment), {@code encoder.layer.N} post-norm layers, and the optional
 * {@code pooler}. Parameter names and layouts are Hugging Face's, so checkpoints load as they are
 * ({@link #loadHuggingFace}).
 */
public class BertModel extends Module {
    private final BertConfig config;
    private final BertEmbeddings embeddings;
    private final BertEncoder encoder;
    private final BertPooler pooler;

    public BertModel(BertConfig config, Rng rng) {
        this(config, true, rng);
    }

    /** @param addPoolingLayer whether to build the pooler (Hugging Face's add_pooling_layer; true for BertModel) */
    public BertModel(BertConfig config, boolean addPoolingLayer, Rng rng) {
        this.config = config;
        this.embeddings = child("embeddings", new BertEmbeddings(config.vocabSize(), config.hiddenSize(),
                config.maxPositionEmbeddings(), config.typeVocabSize(), config.layerNormEps(),
                config.hiddenDropoutProb(), config.initializerRange(), rng));
        this.encoder = child("encoder", new BertEncoder(config, rng));
        this.pooler = addPoolingLayer ? child("pooler", new BertPooler(config.hiddenSize(),
                config.initializerRange(), rng)) : null;
    }

    /** Every token real, every token in segment A. */
    public EncoderOutput forward(INDArray inputIds) {
        return forward(inputIds, null, null);
    }

    /**
     * @param inputIds      integer ids [B, L], L ≤ max_position_embeddings
     * @param attentionMask [B, L], 1 = real token, 0 = padding (never attended to); null means all ones
     * @param tokenTypeIds  segment ids [B, L]; null means all zeros
     * @return last_hidden_state [B, L, H] and pooler_output [B, H] (null without a pooler)
     */
    public EncoderOutput forward(INDArray inputIds, INDArray attentionMask, INDArray tokenTypeIds) {
        Tensor x = embeddings.forward(inputIds, tokenTypeIds);                     // [B, L, H]
        ExtendedAttentionMask.check(attentionMask, inputIds);
        Tensor mask = ExtendedAttentionMask.of(attentionMask, x.dataType());      // [B, 1, 1, L]
        Tensor hidden = encoder.forward(x, mask);
        return new EncoderOutput(hidden, pooler == null ? null : pooler.forward(hidden));
    }

    /**
     * A Hugging Face checkpoint's tensors under this model's keys: the {@code bert.} prefix of the task models
     * (BertForPreTraining, BertForMaskedLM, ...) is dropped along with their heads ({@code cls.*}, {@code classifier.*},
     * ...), and so is the {@code embeddings.position_ids} buffer older checkpoints store.
     */
    public static Map<String, INDArray> huggingFaceState(Map<String, INDArray> checkpoint) {
        boolean prefixed = checkpoint.keySet().stream().anyMatch(k -> k.startsWith("bert."));
        Map<String, INDArray> out = new LinkedHashMap<>();
        checkpoint.forEach((key, value) -> {
            if (prefixed && !key.startsWith("bert.")) {
                return;
            }
            String k = prefixed ? key.substring("bert.".length()) : key;
            if (!k.endsWith("position_ids") && !k.endsWith("embeddings.token_type_ids")) {
                out.put(k, value);
            }
        });
        return out;
    }

    /** Loads a Hugging Face BERT checkpoint (BertModel keys, or any task model's {@code bert.*} part), strictly. */
    public void loadHuggingFace(Map<String, INDArray> checkpoint) {
        loadStateDict(huggingFaceState(checkpoint), true);
    }

    public BertConfig config() {
        return config;
    }

    public BertEmbeddings embeddings() {
        return embeddings;
    }

    public BertEncoder encoder() {
        return encoder;
    }

    public boolean hasPooler() {
        return pooler != null;
    }
}
