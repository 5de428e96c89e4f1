package newarch.models.gpt;

import newarch.nn.LayerNorm;
import newarch.nn.Module;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;

/**
 * One GPT-2 decoder block. Unlike the original Transformer, LayerNorm comes before each sublayer (pre-norm,
 * GPT-2 paper §2.3), so the residual stream x passes from the embeddings to {@code ln_f} untouched by any norm:
 * x ← x + attn(ln_1(x)); x ← x + mlp(ln_2(x)).
 */
public class GptBlock extends Module {
    private final LayerNorm ln1;
    private final GptAttention attn;
    private final LayerNorm ln2;
    private final GptMlp mlp;

    public GptBlock(GptConfig c, int layerIndex, Rng rng) {
        double projStd = GptModel.INIT_STD / Math.sqrt(2.0 * c.nLayer());
        this.ln1 = child("ln_1", new LayerNorm(c.nEmbd(), c.layerNormEpsilon()));
        this.attn = child("attn", new GptAttention(c, layerIndex, projStd, rng));
        this.ln2 = child("ln_2", new LayerNorm(c.nEmbd(), c.layerNormEpsilon()));
        this.mlp = child("mlp", new GptMlp(c, projStd, rng));
    }

    /** x [B, L, E] → [B, L, E]; {@code mask} as in {@link GptAttention#forward}. */
    public Tensor forward(Tensor x, Tensor mask) {
        Tensor h = x.add(attn.forward(ln1.forward(x), mask));
        return h.add(mlp.forward(ln2.forward(h)));
    }
}
