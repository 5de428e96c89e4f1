package newarch.models.reformer;

import java.util.Arrays;
import newarch.nn.Init;
import newarch.nn.Module;
import newarch.tensor.Indexing;
import newarch.tensor.Reshaping;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Axial position embeddings (Reformer appendix; Hugging Face's {@code AxialPositionEmbeddings}): positions are laid
 * out row-major on a grid {@code axial_pos_shape} = [n₁, n₂, ...], and position p's vector is the concatenation of
 * one learned vector per grid axis, indexed by p's coordinate on that axis. With [64, 64] and widths [64, 192] that is
 * 64·64 + 64·192 numbers instead of 4096·256 for a full table.
 *
 * <p>Parameters {@code weights.i} have shape [1, …, nᵢ, …, 1, dᵢ] as in Hugging Face.
 */
public class AxialPositionEmbeddings extends Module {
    private final long[] gridShape;
    private final Tensor[] weights;

    public AxialPositionEmbeddings(int[] axialPosShape, int[] axialPosEmbdsDim, double initStd, Rng rng) {
        if (axialPosShape.length == 0 || axialPosShape.length != axialPosEmbdsDim.length) {
            throw new IllegalArgumentException("axial_pos_shape " + Arrays.toString(axialPosShape)
                    + " and axial_pos_embds_dim " + Arrays.toString(axialPosEmbdsDim)
                    + " must have the same, non-zero, length");
        }
        this.gridShape = Arrays.stream(axialPosShape).asLongStream().toArray();
        this.weights = new Tensor[axialPosShape.length];
        for (int axis = 0; axis < axialPosShape.length; axis++) {
            long[] shape = new long[axialPosShape.length + 1];
            Arrays.fill(shape, 1);
            shape[axis] = axialPosShape[axis];
            shape[axialPosShape.length] = axialPosEmbdsDim[axis];
            weights[axis] = parameter("weights." + axis, Init.normal(rng, initStd, shape));
        }
    }

    /** Positions the grid holds: the product of its sides. */
    public long capacity() {
        long n = 1;
        for (long s : gridShape) {
            n *= s;
        }
        return n;
    }

    /** The vectors [..., hidden] of integer positions [...], each below {@link #capacity()}. */
    public Tensor forward(INDArray positionIds) {
        return Indexing.embeddingLookup(table(), positionIds);
    }

    /** Every position's vector: [capacity, hidden], row p for grid cell p (row-major). */
    public Tensor table() {
        long[] full = Arrays.copyOf(gridShape, gridShape.length + 1);
        Tensor[] parts = new Tensor[weights.length];
        for (int i = 0; i < weights.length; i++) {
            full[gridShape.length] = weights[i].size(-1);
            parts[i] = Reshaping.expand(weights[i], full.clone());                 // [n₁, ..., n_k, dᵢ]
        }
        Tensor grid = Reshaping.concat(gridShape.length, parts);                    // [n₁, ..., n_k, hidden]
        return grid.reshape(capacity(), grid.size(-1));
    }
}
