package newarch.models.sandwich;

/**
 * The hyper-parameters of a decoder-only sandwich transformer language model.
 *
 * @param vocabSize     tokens in the vocabulary (the embedding and the tied output layer)
 * @param contextLength the longest input, the size of the sinusoidal position table
 * @param dModel        width of the residual stream
 * @param nHead         heads of every self-attention sublayer
 * @param dFf           hidden width of every feed-forward sublayer
 * @param order         the sublayer order, e.g. {@link SublayerOrder#sandwich}
 * @param normFirst     pre-norm x + f(norm(x)) with a final LayerNorm (as the paper's baseline, Baevski &amp; Auli
 *                      2019), or post-norm norm(x + f(x)) as the original Transformer
 * @param dropout       dropout on each sublayer's output, on attention weights, and on the embeddings
 * @param activation    of the feed-forward sublayers: relu (the paper) or gelu
 * @param layerNormEps  LayerNorm ε
 */
public record SandwichConfig(int vocabSize, int contextLength, int dModel, int nHead, int dFf, SublayerOrder order,
                             boolean normFirst, double dropout, String activation, double layerNormEps) {
    public SandwichConfig {
        if (vocabSize <= 0 || contextLength <= 0 || dFf <= 0) {
            throw new IllegalArgumentException("sandwich config: vocab_size " + vocabSize + ", context_length "
                    + contextLength + " and d_ff " + dFf + " must be positive");
        }
        if (nHead <= 0 || dModel <= 0 || dModel % nHead != 0) {
            throw new IllegalArgumentException("sandwich config: d_model " + dModel + " must be a positive multiple of"
                    + " n_head " + nHead);
        }
        if (order == null) {
            throw new IllegalArgumentException("sandwich config: order is missing (e.g. SublayerOrder.sandwich(6, 2))");
        }
    }

    /** Pre-norm, relu, no dropout, ε = 1e-5. */
    public static SandwichConfig of(int vocabSize, int contextLength, int dModel, int nHead, int dFf,
                                    SublayerOrder order) {
        return new SandwichConfig(vocabSize, contextLength, dModel, nHead, dFf, order, true, 0, "relu", 1e-5);
    }

    /**
     * The parameters of {@link SandwichTransformer} with this configuration, counted without building it (a
     * paper-sized model would need gigabytes). Depends on n = order.pairs() but not on how the order arranges the
     * sublayers, nor on the number of heads (heads split d_model, they do not add weights):
     * <pre>
     * embedding (tied to the output layer)   V·d
     * each s: Q, K, V, O projections + norm  4d² + 4d + 2d
     * each f: linear1, linear2 + norm        2·d·d_ff + d_ff + d + 2d
     * final norm (pre-norm only)             2d
     * </pre>
     */
    public long parameterCount() {
        long d = dModel;
        long attention = 4 * d * d + 4 * d + 2 * d;
        long feedForward = 2 * d * dFf + dFf + d + 2 * d;
        return (long) vocabSize * d + order.pairs() * (attention + feedForward) + (normFirst ? 2 * d : 0);
    }

    /** The same model with another sublayer order: same parameter count, different arrangement. */
    public SandwichConfig withOrder(SublayerOrder newOrder) {
        return new SandwichConfig(vocabSize, contextLength, dModel, nHead, dFf, newOrder, normFirst, dropout,
                activation, layerNormEps);
    }

    public SandwichConfig withNormFirst(boolean pre) {
        return new SandwichConfig(vocabSize, contextLength, dModel, nHead, dFf, order, pre, dropout, activation,
                layerNormEps);
    }
}
