package newarch.models.distilbert;

import newarch.attention.ScaledDotProductAttention;
import newarch.models.bert.BertSelfAttention;
import newarch.models.bert.EncoderInit;
import newarch.nn.Linear;
import newarch.nn.Module;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;

/**
 * DistilBERT's multi-head self-attention, BERT's arithmetic under the names {@code q_lin}, {@code k_lin},
 * {@code v_lin} and the output projection {@code out_lin} in the same module.
 */
public class MultiHeadSelfAttention extends Module {
    private final Linear qLin;
    private final Linear kLin;
    private final Linear vLin;
    private final Linear outLin;
    private final int heads;
    private final double dropout;
    private final Rng rng;

    public MultiHeadSelfAttention(DistilBertConfig c, Rng rng) {
        double std = c.initializerRange();
        this.qLin = child("q_lin", EncoderInit.linear(c.dim(), c.dim(), std, rng));
        this.kLin = child("k_lin", EncoderInit.linear(c.dim(), c.dim(), std, rng));
        this.vLin = child("v_lin", EncoderInit.linear(c.dim(), c.dim(), std, rng));
        this.outLin = child("out_lin", EncoderInit.linear(c.dim(), c.dim(), std, rng));
        this.heads = c.nHeads();
        this.dropout = c.attentionDropout();
        this.rng = rng;
    }

    /** x [B, L, dim], additive mask [B, 1, 1, L] or null → [B, L, dim], after out_lin. */
    public Tensor forward(Tensor x, Tensor mask) {
        Tensor q = BertSelfAttention.splitHeads(qLin.forward(x), heads);                 // [B, A, L, d]
        Tensor context = ScaledDotProductAttention.attend(q, BertSelfAttention.splitHeads(kLin.forward(x), heads),
                BertSelfAttention.splitHeads(vLin.forward(x), heads), mask, 1 / Math.sqrt(q.size(3)),
                isTraining() ? dropout : 0, rng).output();                                   // [B, A, L, d]
        return outLin.forward(BertSelfAttention.mergeHeads(context));
    }
}
