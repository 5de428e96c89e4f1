package newarch.attention;

import newarch.tensor.Tensor;

/**
 * What an attention layer returns: the output, and the attention weights for inspection and plots
 * (detached from the graph: gradients flow through {@code output} only).
 */
public record AttentionOutput(Tensor output, Tensor weights) {
}
