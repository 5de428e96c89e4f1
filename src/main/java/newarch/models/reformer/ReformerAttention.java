package newarch.models.reformer;

import newarch.nn.LayerNorm;
import newarch.nn.Module;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The attention half of a Reformer layer, the f in Y₁ = X₁ + f(X₂): LayerNorm, LSH or local self-attention, and the
 * output projection {@code output.dense} (no bias), with Hugging Face's names.
 */
public class ReformerAttention extends Module {
    private final LayerNorm layerNorm;
    private final ReformerSelfAttention selfAttention;
    private final Dense output;

    public ReformerAttention(ReformerConfig config, int layerId, Rng rng) {
        this.layerNorm = child("layer_norm", new LayerNorm(config.hiddenSize(), config.layerNormEps()));
        this.selfAttention = config.attnLayers().get(layerId).equals("lsh")
                ? child("self_attention", new LshSelfAttention(config, rng))
                : child("self_attention", new LocalSelfAttention(config, rng));
        this.output = child("output", new Dense(config.allHeadSize(), config.hiddenSize(), false, rng));
    }

    /** [B, L, hidden] → [B, L, hidden]. */
    public Tensor forward(Tensor hidden, INDArray attentionMask, HashState state) {
        return output.forward(selfAttention.forward(layerNorm.forward(hidden), attentionMask, state));
    }

    public ReformerSelfAttention selfAttention() {
        return selfAttention;
    }

    public boolean isLsh() {
        return selfAttention instanceof LshSelfAttention;
    }
}
