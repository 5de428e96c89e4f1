package newarch.models.reformer;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What one LSH layer needs to hash the same way twice: the rotations (null = draw at random) and, once hashed, the
 * buckets. The reversible backward pass recomputes a layer's activations from its outputs; reusing the forward
 * pass's buckets (as Hugging Face does) makes that recomputation follow the same attention pattern even when a
 * vector sits on a bucket boundary.
 */
public final class HashState {
    private final INDArray rotations;
    private INDArray buckets;

    public HashState(INDArray rotations) {
        this.rotations = rotations;
    }

    public INDArray rotations() {
        return rotations;
    }

    /** The offset buckets [B, H, num_hashes·L] of the first pass, or null before it. */
    public INDArray buckets() {
        return buckets;
    }

    void remember(INDArray offsetBuckets) {
        this.buckets = offsetBuckets;
    }
}
