package newarch.models.reformer;

import newarch.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The self-attention inside a Reformer layer: LSH or local. Both return the merged heads [B, L, heads·headSize]. */
public interface ReformerSelfAttention {
    /**
     * @param attentionMask [B, L], 1 = token, 0 = padding; or null
     * @param state         rotations to hash with and the buckets of an earlier pass (ignored by local attention)
     */
    Tensor forward(Tensor hidden, INDArray attentionMask, HashState state);
}
