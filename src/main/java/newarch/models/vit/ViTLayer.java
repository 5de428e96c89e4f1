package newarch.models.vit;

import newarch.attention.AttentionOutput;
import newarch.nn.LayerNorm;
import newarch.nn.Module;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;

/**
 * One pre-norm encoder layer (paper eqs. 2–3): z' = z + MSA(LN(z)); z ← z' + MLP(LN(z')). Normalising before each
 * sublayer leaves the residual stream itself un-normalised, which lets deep stacks train without warm-up tricks.
 */
public class ViTLayer extends Module {
    private final LayerNorm layernormBefore;
    private final ViTSelfAttention attention;
    private final LayerNorm layernormAfter;
    private final ViTMlp mlp;

    public ViTLayer(ViTConfig c, Rng rng) {
        this.layernormBefore = child("layernorm_before", new LayerNorm(c.hiddenSize(), c.layerNormEps()));
        this.attention = child("attention", new ViTSelfAttention(c, rng));
        this.layernormAfter = child("layernorm_after", new LayerNorm(c.hiddenSize(), c.layerNormEps()));
        this.mlp = child("mlp", new ViTMlp(c, rng));
    }

    /** [B, L, D] → [B, L, D]. */
    public Tensor forward(Tensor z) {
        return forwardWithAttention(z).output();
    }

    /** [B, L, D] → the layer's output [B, L, D] with its self-attention weights [B, heads, L, L]. */
    public AttentionOutput forwardWithAttention(Tensor z) {
        AttentionOutput a = attention.attend(layernormBefore.forward(z));
        Tensor h = z.add(a.output());
        return new AttentionOutput(h.add(mlp.forward(layernormAfter.forward(h))), a.weights());
    }
}
