package newarch.models.bert;

import newarch.tensor.Indexing;
import newarch.tensor.Reshaping;
import newarch.tensor.ShapeException;
import newarch.tensor.Shapes;
import newarch.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The positions a masked-LM head predicts, as flat indices b·L + l into a [B, L] batch: the head then projects only
 * those N vectors onto the vocabulary instead of all B·L.
 */
public record MaskedPositions(INDArray positions, INDArray labels) {

    /**
     * The entries of {@code labels} [B, L] that are not {@code ignored}: their flat indices [N] in row-major order and
     * their labels [N].
     */
    public static MaskedPositions of(INDArray labels, long ignored) {
        if (labels.rank() != 2) {
            throw new ShapeException("masked-LM labels are " + Shapes.show(labels) + " but must be [B, L]");
        }
        long[] flat = labels.castTo(DataType.LONG).reshape(-1).toLongVector();
        long n = java.util.Arrays.stream(flat).filter(v -> v != ignored).count();
        long[] positions = new long[(int) n];
        long[] kept = new long[(int) n];
        int k = 0;
        for (int i = 0; i < flat.length; i++) {
            if (flat[i] != ignored) {
                kept[k] = flat[i];
                positions[k++] = i;
            }
        }
        return new MaskedPositions(Nd4j.createFromArray(positions), Nd4j.createFromArray(kept));
    }

    /** Rows of {@code hidden} [B, L, H] at flat {@code positions} [N]: [N, H], with a backward into hidden. */
    public static Tensor gather(Tensor hidden, INDArray positions) {
        if (hidden.rank() != 3) {
            throw new ShapeException("hidden states are " + Shapes.show(hidden.data()) + " but must be [B, L, H]");
        }
        if (positions.rank() != 1 || positions.length() == 0) {
            throw new ShapeException("masked positions are " + Shapes.show(positions)
                    + " but must be a non-empty 1-d index vector");
        }
        Tensor rows = Reshaping.reshape(hidden, hidden.size(0) * hidden.size(1), hidden.size(2));
        return Indexing.indexSelect(rows, 0, positions);
    }
}
