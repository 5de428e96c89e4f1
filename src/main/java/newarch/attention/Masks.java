package newarch.attention;

import newarch.tensor.ShapeException;
import newarch.tensor.Shapes;
import newarch.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;

/**
 * Attention masks as additive tensors: 0 where a query may look at a key, −∞ where it may not.
 * Adding masks combines them (a position must be allowed by both).
 */
public final class Masks {
    private Masks() {
    }

    /** Query i may see keys j ≤ i: the decoder's "no peeking at the future" mask, [L, S]. */
    public static Tensor causal(long queries, long keys, DataType type) {
        return fromAllowed((i, j) -> j <= i, queries, keys, type);
    }

    /** Query i may see keys with |i − j| ≤ window: truncated (local) self-attention, [L, L]. */
    public static Tensor banded(long length, long window, DataType type) {
        return fromAllowed((i, j) -> Math.abs(i - j) <= window, length, length, type);
    }

    /** Positions attend only within their own block of {@code blockSize}: block-wise (Bi-BloSA style) attention. */
    public static Tensor block(long length, long blockSize, DataType type) {
        return fromAllowed((i, j) -> i / blockSize == j / blockSize, length, length, type);
    }

    /** Node i may attend to node j where the adjacency matrix [N, N] is non-zero, and always to itself. */
    public static Tensor graph(INDArray adjacency, DataType type) {
        if (adjacency.rank() != 2 || adjacency.size(0) != adjacency.size(1)) {
            throw new ShapeException("adjacency is " + Shapes.show(adjacency) + " but must be square [N, N]");
        }
        long n = adjacency.size(0);
        return fromAllowed((i, j) -> i == j || adjacency.getDouble(i, j) != 0, n, n, type);
    }

    /**
     * Key padding: {@code padding} [B, S] is 1 (or true) at padded keys, as PyTorch's key_padding_mask.
     * Returns [B, 1, 1, S], which broadcasts over heads and queries.
     */
    public static Tensor keyPadding(INDArray padding, DataType type) {
        if (padding.rank() != 2) {
            throw new ShapeException("key_padding_mask is " + Shapes.show(padding) + " but must be [batch, keys]");
        }
        INDArray m = padding.castTo(type).dup().muli(Double.NEGATIVE_INFINITY); // castTo may return the caller's array
        BooleanIndexing.replaceWhere(m, 0.0, Conditions.isNan()); // 0·(−∞) is NaN: those keys are allowed
        return Tensor.constant(m.reshape(padding.size(0), 1, 1, padding.size(1)));
    }

    /**
     * Key padding for scores of any rank: [B, S] becomes [B, 1, ..., 1, S] with {@code scoreRank} dimensions,
     * e.g. [B, 1, S] for single-head scores [B, L, S].
     */
    public static Tensor keyPadding(INDArray padding, int scoreRank, DataType type) {
        Tensor m = keyPadding(padding, type);
        long[] shape = new long[scoreRank];
        java.util.Arrays.fill(shape, 1);
        shape[0] = padding.size(0);
        shape[scoreRank - 1] = padding.size(1);
        return m.reshape(shape);
    }

    /** Hugging Face style: {@code attentionMask} [B, S] is 1 where a token is real, 0 at padding. */
    public static Tensor fromAttentionMask(INDArray attentionMask, DataType type) {
        return keyPadding(attentionMask.castTo(DataType.DOUBLE).rsub(1), type);
    }

    /** A boolean-like array (non-zero = blocked) turned into an additive mask of the same shape. */
    public static Tensor fromBlocked(INDArray blocked, DataType type) {
        INDArray m = blocked.neq(0).castTo(type).muli(Double.NEGATIVE_INFINITY);
        BooleanIndexing.replaceWhere(m, 0.0, Conditions.isNan());
        return Tensor.constant(m);
    }

    /** Combines two optional additive masks by broadcasting addition. */
    public static Tensor combine(Tensor a, Tensor b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : a.add(b);
    }

    /** Which (query, key) pairs are allowed. */
    @FunctionalInterface
    public interface Allowed {
        boolean test(long query, long key);
    }

    public static Tensor fromAllowed(Allowed allowed, long queries, long keys, DataType type) {
        double[] values = new double[Math.toIntExact(queries * keys)];
        for (long i = 0; i < queries; i++) {
            for (long j = 0; j < keys; j++) {
                values[(int) (i * keys + j)] = allowed.test(i, j) ? 0 : Double.NEGATIVE_INFINITY;
            }
        }
        return Tensor.constant(Nd4j.createFromArray(values).reshape(queries, keys).castTo(type));
    }
}
