package newarch.models.reformer;

import newarch.nn.Module;
import newarch.tensor.Rng;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A Reformer layer (Hugging Face's {@code ReformerLayer}): {@code attention} is f and {@code feed_forward} is g of a
 * reversible residual step, Y₁ = X₁ + Attention(X₂), Y₂ = X₂ + FeedForward(Y₁).
 */
public class ReversibleLayer extends Module {
    private final ReformerAttention attention;
    private final ChunkedFeedForward feedForward;

    public ReversibleLayer(ReformerConfig config, int layerId, Rng rng) {
        this.attention = child("attention", new ReformerAttention(config, layerId, rng));
        this.feedForward = child("feed_forward", new ChunkedFeedForward(config, rng));
    }

    /**
     * This layer as a step of one forward (and backward) pass: f hashes on its first call and reuses those buckets
     * when the backward pass calls it again.
     *
     * @param attentionMask [B, L], 1 = token, 0 = padding; or null
     * @param rotations     rotations for LSH hashing, null to draw them at random
     */
    public ReversibleStep step(INDArray attentionMask, INDArray rotations) {
        HashState state = new HashState(rotations);
        return new ReversibleStep(x -> attention.forward(x, attentionMask, state), feedForward::forward);
    }

    public ReformerAttention attention() {
        return attention;
    }

    public ChunkedFeedForward feedForward() {
        return feedForward;
    }
}
