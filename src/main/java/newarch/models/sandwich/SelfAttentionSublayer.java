package newarch.models.sandwich;

import newarch.attention.MultiHeadAttention;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;

/** An {@code s} sublayer: causal multi-head self-attention ({@code self_attn}, PyTorch's parameter names). */
public class SelfAttentionSublayer extends Sublayer {
    private final MultiHeadAttention selfAttn;

    public SelfAttentionSublayer(SandwichConfig c, Rng rng) {
        super(c, rng);
        this.selfAttn = child("self_attn", new MultiHeadAttention(new MultiHeadAttention.Options(c.dModel(), c.nHead(),
                c.dropout(), true, false, false, c.dModel(), c.dModel()), rng));
    }

    @Override
    protected Tensor transform(Tensor x, Tensor causal) {
        return selfAttn.forward(x, x, x, null, causal, true).output();
    }
}
