package newarch.models.reformer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import newarch.models.TokenIds;
import newarch.nn.LayerNorm;
import newarch.nn.Module;
import newarch.nn.ModuleList;
import newarch.tensor.Rng;
import newarch.tensor.Shapes;
import newarch.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The Reformer encoder stack as Hugging Face's {@code ReformerModel} builds it (Kitaev et al. 2020): embeddings,
 * a {@link ReversibleBlock} of {@link ReversibleLayer}s (LSH or local attention, chunked feed-forward) on two copies
 * of the embeddings, and a LayerNorm over the concatenated streams. The output is [B, L, 2·hidden].
 *
 * <p>Inputs longer than one chunk whose length is not a multiple of the chunk lengths are padded with
 * {@code pad_token_id} (masked out) and the output cut back, as Hugging Face does in inference. No dropout is applied.
 */
public class ReformerModel extends Module {
    private final ReformerConfig config;
    private final ReformerEmbeddings embeddings;
    private final Encoder encoder;

    /** Hugging Face's {@code encoder}: {@code layers} and the final {@code layer_norm}. */
    private static final class Encoder extends Module {
        final ModuleList<ReversibleLayer> layers;
        final LayerNorm layerNorm;

        Encoder(ReformerConfig config, Rng rng) {
            this.layers = child("layers", new ModuleList<>(config.numHiddenLayers(),
                    i -> new ReversibleLayer(config, i, rng)));
            this.layerNorm = child("layer_norm", new LayerNorm(2 * config.hiddenSize(), config.layerNormEps()));
        }
    }

    public ReformerModel(ReformerConfig config, Rng rng) {
        this.config = config;
        this.embeddings = child("embeddings", new ReformerEmbeddings(config, rng));
        this.encoder = child("encoder", new Encoder(config, rng));
    }

    /** The last hidden state [B, L, 2·hidden], LSH layers drawing random rotations. */
    public Tensor forward(INDArray inputIds, INDArray attentionMask) {
        return forward(inputIds, attentionMask, null);
    }

    /**
     * @param inputIds      integer token ids [B, L]
     * @param attentionMask [B, L], 1 = token, 0 = padding; or null
     * @param rotations     [heads, headSize, num_hashes, num_buckets/2] for every LSH layer, or null to draw them
     * @return [B, L, 2·hidden]
     */
    public Tensor forward(INDArray inputIds, INDArray attentionMask, INDArray rotations) {
        TokenIds.require("input_ids", inputIds, config.vocabSize(), "vocab_size", Integer.MAX_VALUE, "length");
        if (attentionMask != null && !java.util.Arrays.equals(attentionMask.shape(), inputIds.shape())) {
            throw new IllegalArgumentException("attention_mask is " + Shapes.show(attentionMask)
                    + " but must have the shape of input_ids " + Shapes.show(inputIds));
        }
        long b = inputIds.size(0);
        long len = inputIds.size(1);
        int lcm = config.leastCommonChunkLength();
        INDArray ids = inputIds.castTo(DataType.LONG);
        INDArray mask = attentionMask;
        boolean pad = len % lcm != 0 && len > config.minChunkLength();
        if (pad) {
            long extra = lcm - len % lcm;
            ids = Nd4j.concat(1, ids, Nd4j.zeros(DataType.LONG, b, extra).addi(config.padTokenId()));
            INDArray given = mask != null ? mask.castTo(DataType.LONG) : Nd4j.ones(DataType.LONG, b, len);
            mask = Nd4j.concat(1, given, Nd4j.zeros(DataType.LONG, b, extra));
        }
        Tensor x = embeddings.forward(ids);                                          // [B, L', hidden]
        List<ReversibleStep> steps = new ArrayList<>();
        for (ReversibleLayer layer : encoder.layers) {
            steps.add(layer.step(mask, rotations));
        }
        Tensor out = ReversibleBlock.forward(steps, x, x, encoder.layers.parameters()); // [B, L', 2·hidden]
        out = encoder.layerNorm.forward(out);
        return pad ? out.slice(1, 0, len) : out;
    }

    /** Loads a Hugging Face ReformerModel state dict (a {@code reformer.} prefix is dropped), strictly. */
    public void loadHuggingFace(Map<String, INDArray> checkpoint) {
        Map<String, INDArray> state = new java.util.LinkedHashMap<>();
        checkpoint.forEach((k, v) -> {
            if (k.startsWith("lm_head.")) {
                return;
            }
            state.put(k.startsWith("reformer.") ? k.substring("reformer.".length()) : k, v);
        });
        loadStateDict(state, true);
    }

    public ReformerConfig config() {
        return config;
    }

    public ReversibleLayer layer(int i) {
        return encoder.layers.get(i);
    }
}
