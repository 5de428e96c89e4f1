package newarch.models.albert;

import java.util.LinkedHashMap;
import java.util.Map;
import newarch.models.bert.BertEmbeddings;
import newarch.models.bert.BertPooler;
import newarch.models.bert.EncoderInit;
import newarch.models.bert.EncoderOutput;
import newarch.models.bert.ExtendedAttentionMask;
import newarch.nn.Linear;
import newarch.nn.Module;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * ALBERT, "A Lite BERT" (Lan et al. 2020), as Hugging Face's {@code AlbertModel}: BERT's embeddings at width E,
 * the shared-layer {@link AlbertTransformer}, and a pooler (a Linear named {@code pooler} + tanh on the first token).
 * Hugging Face names throughout, so checkpoints load as they are ({@link #loadHuggingFace}).
 */
public class AlbertModel extends Module {
    private final AlbertConfig config;
    private final BertEmbeddings embeddings;
    private final AlbertTransformer encoder;
    private final Linear pooler;

    public AlbertModel(AlbertConfig config, Rng rng) {
        this(config, true, rng);
    }

    public AlbertModel(AlbertConfig config, boolean addPoolingLayer, Rng rng) {
        this.config = config;
        this.embeddings = child("embeddings", new BertEmbeddings(config.vocabSize(), config.embeddingSize(),
                config.maxPositionEmbeddings(), config.typeVocabSize(), config.layerNormEps(),
                config.hiddenDropoutProb(), config.initializerRange(), rng));
        this.encoder = child("encoder", new AlbertTransformer(config, rng));
        this.pooler = addPoolingLayer ? child("pooler", EncoderInit.linear(config.hiddenSize(), config.hiddenSize(),
                config.initializerRange(), rng)) : null;
    }

    public EncoderOutput forward(INDArray inputIds) {
        return forward(inputIds, null, null);
    }

    /**
     * @param inputIds      integer ids [B, L], L ≤ max_position_embeddings
     * @param attentionMask [B, L], 1 = real token, 0 = padding; null means all ones
     * @param tokenTypeIds  segment ids [B, L]; null means all zeros
     * @return last_hidden_state [B, L, H] and pooler_output [B, H] (null without a pooler)
     */
    public EncoderOutput forward(INDArray inputIds, INDArray attentionMask, INDArray tokenTypeIds) {
        Tensor x = embeddings.forward(inputIds, tokenTypeIds);                     // [B, L, E]
        ExtendedAttentionMask.check(attentionMask, inputIds);
        Tensor hidden = encoder.forward(x, ExtendedAttentionMask.of(attentionMask, x.dataType())); // [B, L, H]
        return new EncoderOutput(hidden, pooler == null ? null : BertPooler.pool(pooler, hidden));
    }

    /**
     * A Hugging Face checkpoint's tensors under this model's keys: the {@code albert.} prefix of the task models is
     * dropped with their heads, and so are position-id buffers.
     */
    public static Map<String, INDArray> huggingFaceState(Map<String, INDArray> checkpoint) {
        boolean prefixed = checkpoint.keySet().stream().anyMatch(k -> k.startsWith("albert."));
        Map<String, INDArray> out = new LinkedHashMap<>();
        checkpoint.forEach((key, value) -> {
            if (prefixed && !key.startsWith("albert.")) {
                return;
            }
            String k = prefixed ? key.substring("albert.".length()) : key;
            if (!k.endsWith("position_ids") && !k.endsWith("embeddings.token_type_ids")) {
                out.put(k, value);
            }
        });
        return out;
    }

    /** Loads a Hugging Face ALBERT checkpoint (AlbertModel keys, or a task model's {@code albert.*}), strictly. */
    public void loadHuggingFace(Map<String, INDArray> checkpoint) {
        loadStateDict(huggingFaceState(checkpoint), true);
    }

    public AlbertConfig config() {
        return config;
    }

    public BertEmbeddings embeddings() {
        return embeddings;
    }
}
