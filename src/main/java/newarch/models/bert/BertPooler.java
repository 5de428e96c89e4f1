package newarch.models.bert;

import newarch.nn.Linear;
import newarch.nn.Module;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;

/**
 * The pooler: the hidden state of the first token ([CLS]) through dense + tanh, a fixed-size summary of the whole
 * input that next-sentence prediction and sentence classifiers read (BERT §3.1).
 */
public class BertPooler extends Module {
    private final Linear dense;

    public BertPooler(int hiddenSize, double initStd, Rng rng) {
        this.dense = child("dense", EncoderInit.linear(hiddenSize, hiddenSize, initStd, rng));
    }

    /** hidden [B, L, H] → [B, H]. */
    public Tensor forward(Tensor hidden) {
        return pool(dense, hidden);
    }

    /** tanh(first token · Wᵀ + b): shared with ALBERT, whose pooler is a bare Linear named {@code pooler}. */
    public static Tensor pool(Linear dense, Tensor hidden) {
        Tensor first = hidden.slice(1, 0, 1).reshape(hidden.size(0), hidden.size(2)); // [B, H]
        return dense.forward(first).tanh();
    }
}
