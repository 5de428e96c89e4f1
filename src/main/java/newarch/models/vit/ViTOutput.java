package newarch.models.vit;

import newarch.tensor.Tensor;

/**
 * What {@link ViTModel#forward} returns.
 *
 * @param lastHiddenState [B, N+1, D] after the final LayerNorm, [CLS] first
 * @param poolerOutput    [B, pooler_output_size], or null for a model built without a pooler
 */
public record ViTOutput(Tensor lastHiddenState, Tensor poolerOutput) {
}
