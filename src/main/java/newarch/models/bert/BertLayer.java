package newarch.models.bert;

import newarch.nn.Module;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;

/**
 * One BERT encoder layer, the Transformer encoder layer with post-norm: self-attention sublayer, then the
 * feed-forward sublayer split as Hugging Face names it ({@code intermediate}, {@code output}).
 */
public class BertLayer extends Module {
    private final BertAttention attention;
    private final BertIntermediate intermediate;
    private final BertOutput output;

    public BertLayer(BertConfig c, Rng rng) {
        this.attention = child("attention", new BertAttention(c, rng));
        this.intermediate = child("intermediate", new BertIntermediate(c, rng));
        this.output = child("output", new BertOutput(c, rng));
    }

    /** x [B, L, H], additive mask [B, 1, 1, L] or null → [B, L, H]. */
    public Tensor forward(Tensor x, Tensor mask) {
        Tensor attended = attention.forward(x, mask);
        return output.forward(intermediate.forward(attended), attended);
    }
}
