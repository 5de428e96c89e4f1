package newarch.models.shuffle;

import newarch.tensor.Indexing;
import newarch.tensor.ShapeException;
import newarch.tensor.Shapes;
import newarch.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The shuffle layers of a Shuffle-Exchange network on {@code [batch, n, m]} with n = 2^k positions: the perfect
 * shuffle ({@link PerfectShuffle}, the element at address a moves to the address rotated left by one bit) and its
 * inverse (rotation right), used by the second half of a Beneš block. Both are one ND4J gather along the positions
 * ({@link Indexing#indexSelect}); the gradient scatters back, which for a permutation is the inverse gather.
 *
 * <p>After a shuffle, the switch pairs (2j, 2j+1) hold elements whose original addresses differ in another bit, so
 * k − 1 shuffles and k switch layers let every position reach every other one.
 */
public final class ShuffleLayer {
    private ShuffleLayer() {
    }

    /** {@code out[:, i] = x[:, perm[i]]} with Stone's perfect shuffle; x is [batch, n, m], n a power of two. */
    public static Tensor shuffle(Tensor x) {
        requirePositions("shuffle", x);
        return Indexing.indexSelect(x, 1, index(PerfectShuffle.permutation((int) x.size(1))));
    }

    /** The inverse shuffle: {@code inverseShuffle(shuffle(x)) == x}. */
    public static Tensor inverseShuffle(Tensor x) {
        requirePositions("inverse shuffle", x);
        return Indexing.indexSelect(x, 1, index(PerfectShuffle.inverse((int) x.size(1))));
    }

    private static INDArray index(long[] perm) {
        return Nd4j.createFromArray(perm);
    }

    /** x must be [batch, n, m] with n a power of two (at least 2), as every layer of the network needs. */
    static void requirePositions(String what, Tensor x) {
        if (x.rank() != 3) {
            throw new ShapeException(what + ": input is " + Shapes.show(x.data()) + " but must be [batch, n, m]");
        }
        long n = x.size(1);
        if (!isPowerOfTwo(n) || n < 2) {
            throw new ShapeException(what + ": input is " + Shapes.show(x.data()) + " but its length n = " + n
                    + " must be a power of two ≥ 2 (pad the sequence)");
        }
    }

    static boolean isPowerOfTwo(long n) {
        return n > 0 && (n & (n - 1)) == 0;
    }

    /** k = log2(n) for a power of two n. */
    static int log2(long n) {
        return 63 - Long.numberOfLeadingZeros(n);
    }

    /** The smallest power of two ≥ max(length, 2): the padded length of a sequence. */
    public static int paddedLength(int length) {
        if (length < 1) {
            throw new IllegalArgumentException("sequence length is " + length + " but must be positive");
        }
        int n = 2;
        while (n < length) {
            n *= 2;
        }
        return n;
    }
}
