package newarch.models.blosa;

import newarch.attention.Masks;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The temporal order a masked self-attention encodes (DiSAN / Bi-BloSA). With token j as the query and token i as
 * the attended token, the forward mask allows M_ij = 0 only for i &lt; j (strictly earlier tokens) and the backward
 * mask only for i &gt; j; both leave out the diagonal, so a token never attends to itself: its own value reaches the
 * output through the fusion gate instead. The first token of a forward block has nothing to attend to; its context
 * is then zero (our softmax gives an all-masked row zero weights, as the reference code masks scores after softmax).
 */
public enum Direction {
    FORWARD,
    BACKWARD;

    /** Whether query {@code query} may attend to token {@code key}. */
    public boolean allows(long query, long key) {
        return this == FORWARD ? key < query : key > query;
    }

    /** 1 where query i (row) may attend to token j (column), 0 elsewhere, [length, length]. */
    public INDArray allowed(long length, DataType type) {
        // Masks speaks additive masks (0 / −∞); exp turns it into the 1 / 0 pattern we combine with padding.
        return org.nd4j.linalg.ops.transforms.Transforms.exp(
                Masks.fromAllowed(this::allows, length, length, DataType.DOUBLE).data(), true).castTo(type);
    }

    public String label() {
        return this == FORWARD ? "fw" : "bw";
    }
}
