package newarch.models.blosa;

import newarch.nn.Linear;
import newarch.nn.Module;
import newarch.tensor.Rng;
import newarch.tensor.ShapeException;
import newarch.tensor.Shapes;
import newarch.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Multi-dimensional source2token self-attention (DiSAN, Bi-BloSA §3.2): compresses a sequence into one vector by
 * scoring each token against the whole sequence rather than against a query, feature by feature:
 * <pre>
 *   f(x_i) = Wᵀ σ(W⁽¹⁾ x_i + b⁽¹⁾) + b,     s = Σ_i softmax_i(f(x_i)) ⊙ x_i
 * </pre>
 * Bi-BloSA uses it to summarise each block (x [B, G, L, d] → [B, G, d]) and, in a sentence encoder, the whole
 * output (x [B, L, d] → [B, d]): attention pools over axis −2 whatever the leading axes.
 */
public final class SourceToTokenAttention extends Module {
    private final long dim;
    private final String activation;
    private final Linear hidden;
    private final Linear score;

    public SourceToTokenAttention(long dim, String activation, Rng rng) {
        this.dim = dim;
        this.activation = activation;
        Activation.apply(activation, Tensor.scalar(0, org.nd4j.linalg.api.buffer.DataType.DOUBLE)); // reject early
        this.hidden = child("W1", new Linear(dim, dim, true, rng));
        this.score = child("W", new Linear(dim, dim, true, rng));
    }

    /**
     * @param x     [..., L, d]
     * @param valid [..., L], 1 at real tokens, 0 at padding (never attended), or null for all real; a row with no real
     *              token gives a zero vector
     * @return [..., d]
     */
    public Tensor forward(Tensor x, INDArray valid) {
        Shapes.requireMinRank("source2token input x", x, 2);
        Shapes.requireSize("source2token input x", x, x.rank() - 1, dim, "the attention width d");
        long[] rows = java.util.Arrays.copyOf(x.shape(), x.rank() - 1);
        if (valid != null && !java.util.Arrays.equals(valid.shape(), rows)) {
            throw new ShapeException("source2token valid mask is " + Shapes.show(valid) + " but x is "
                    + Shapes.show(x.data()) + ": it must be " + Shapes.show(rows));
        }
        Tensor logits = score.forward(Activation.apply(activation, hidden.forward(x))); // [..., L, d]
        long[] column = java.util.Arrays.copyOf(x.shape(), x.rank());
        column[x.rank() - 1] = 1;
        INDArray allowed = valid == null
                ? org.nd4j.linalg.factory.Nd4j.ones(x.dataType(), column)
                : valid.castTo(x.dataType()).reshape(column);                              // [..., L, 1]
        return FeatureWiseAttention.pool(logits, allowed, x, x.rank() - 2);
    }
}
