package newarch.models.distilbert;

import java.util.LinkedHashMap;
import java.util.Map;
import newarch.models.bert.EncoderOutput;
import newarch.models.bert.ExtendedAttentionMask;
import newarch.nn.Module;
import newarch.nn.ModuleList;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DistilBERT (Sanh et al. 2019), as Hugging Face's {@code DistilBertModel}: {@code embeddings} (tokens + learned or
 * sinusoidal positions) and {@code transformer.layer.N} blocks; no segment embeddings, no pooler. Hugging Face
 * names throughout ({@link #loadHuggingFace}).
 */
public class DistilBertModel extends Module {
    private final DistilBertConfig config;
    private final DistilBertEmbeddings embeddings;
    private final Stack transformer;

    /** The {@code transformer} module: the list {@code layer} of blocks. */
    public static final class Stack extends Module {
        private final ModuleList<TransformerBlock> layer;

        Stack(DistilBertConfig c, Rng rng) {
            this.layer = child("layer", new ModuleList<>(c.nLayers(), i -> new TransformerBlock(c, rng)));
        }

        Tensor forward(Tensor x, Tensor mask) {
            for (TransformerBlock block : layer) {
                x = block.forward(x, mask);
            }
            return x;
        }
    }

    public DistilBertModel(DistilBertConfig config, Rng rng) {
        this.config = config;
        this.embeddings = child("embeddings", new DistilBertEmbeddings(config, rng));
        this.transformer = child("transformer", new Stack(config, rng));
    }

    public EncoderOutput forward(INDArray inputIds) {
        return forward(inputIds, null);
    }

    /**
     * @param inputIds      integer ids [B, L], L ≤ max_position_embeddings
     * @param attentionMask [B, L], 1 = real token, 0 = padding; null means all ones
     * @return last_hidden_state [B, L, dim] (the pooler output is null: DistilBERT has none)
     */
    public EncoderOutput forward(INDArray inputIds, INDArray attentionMask) {
        Tensor x = embeddings.forward(inputIds);                                   // [B, L, dim]
        ExtendedAttentionMask.check(attentionMask, inputIds);
        return new EncoderOutput(transformer.forward(x, ExtendedAttentionMask.of(attentionMask, x.dataType())), null);
    }

    /**
     * A Hugging Face checkpoint's tensors under this model's keys: the {@code distilbert.} prefix of the task models
     * is dropped with their heads, and so are position-id buffers. With sinusoidal positions a checkpoint that does not
     * store the (fixed) table keeps the computed one.
     */
    public Map<String, INDArray> huggingFaceState(Map<String, INDArray> checkpoint) {
        boolean prefixed = checkpoint.keySet().stream().anyMatch(k -> k.startsWith("distilbert."));
        Map<String, INDArray> out = new LinkedHashMap<>();
        checkpoint.forEach((key, value) -> {
            if (prefixed && !key.startsWith("distilbert.")) {
                return;
            }
            String k = prefixed ? key.substring("distilbert.".length()) : key;
            if (!k.endsWith("position_ids")) {
                out.put(k, value);
            }
        });
        String table = "embeddings.position_embeddings.weight";
        if (config.sinusoidalPosEmbds() && !out.containsKey(table)) {
            out.put(table, stateDict().get(table));
        }
        return out;
    }

    /** Loads a Hugging Face DistilBERT checkpoint (DistilBertModel keys or a task model's {@code distilbert.*}). */
    public void loadHuggingFace(Map<String, INDArray> checkpoint) {
        loadStateDict(huggingFaceState(checkpoint), true);
    }

    public DistilBertConfig config() {
        return config;
    }

    public DistilBertEmbeddings embeddings() {
        return embeddings;
    }
}
