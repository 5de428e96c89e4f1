package newarch.models.bert;

import newarch.nn.Module;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;

/** The attention sublayer of a BERT layer: {@code self} (the heads) then {@code output} (projection, residual, norm). */
public class BertAttention extends Module {
    private final BertSelfAttention self;
    private final BertSelfOutput output;

    public BertAttention(BertConfig c, Rng rng) {
        this.self = child("self", new BertSelfAttention(c.hiddenSize(), c.numAttentionHeads(),
                c.attentionProbsDropoutProb(), c.initializerRange(), rng));
        this.output = child("output", new BertSelfOutput(c, rng));
    }

    /** x [B, L, H], additive mask [B, 1, 1, L] or null → [B, L, H]. */
    public Tensor forward(Tensor x, Tensor mask) {
        return output.forward(self.forward(x, mask), x);
    }
}
