package newarch.attention;

import java.util.function.Supplier;
import newarch.tensor.Tensor;

/**
 * What an attention layer returns: the output, and the attention weights for inspection and plots
 * (detached from the graph: gradients flow through {@code output} only). Weights that need extra work, such
 * as an average over heads, are computed only when {@link #weights()} is called.
 */
public final class AttentionOutput {
    private final Tensor output;
    private Supplier<Tensor> weightsSource;
    private Tensor weights;

    public AttentionOutput(Tensor output, Tensor weights) {
        this.output = output;
        this.weights = weights;
    }

    public AttentionOutput(Tensor output, Supplier<Tensor> weights) {
        this.output = output;
        this.weightsSource = weights;
    }

    public Tensor output() {
        return output;
    }

    public Tensor weights() {
        if (weights == null && weightsSource != null) {
            weights = weightsSource.get();
            weightsSource = null;
        }
        return weights;
    }
}
