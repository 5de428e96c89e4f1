package newarch.attention;

import newarch.tensor.Reshaping;
import newarch.tensor.ShapeException;
import newarch.tensor.Shapes;
import newarch.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Truncated (windowed, local) self-attention that computes only the band |i − j| ≤ w of the score matrix, so that a
 * long sequence of frames costs O(L·w·d) instead of O(L²·d). The result equals full attention under
 * {@link Masks#banded}: positions outside the band would get weight exp(−∞) = 0 there, and here they are never
 * computed.
 *
 * <p>How: the sequence is cut into chunks of c ≥ w positions. A query in chunk t can only see keys within w ≤ c of
 * it, which all lie in chunks t−1, t and t+1; so each chunk of queries attends to a window of 3c keys (one chunk of
 * look-back, its own, one of look-ahead), a batched [c × 3c] score block per chunk instead of one [L × L] matrix. The
 * band inside those blocks, and the padding at the two ends, are masked. Everything is reshape, slice, concat and the
 * fused {@link ScaledDotProductAttention}, so the gradient comes for free.
 */
public final class WindowedAttention {
    private final int window;
    private final int chunk;
    private Tensor cachedMask;
    private long cachedLength = -1;

    /** Chunks as small as the window allows (c = max(w, 1)): the least arithmetic. */
    public WindowedAttention(int window) {
        this(window, Math.max(window, 1));
    }

    /** @param chunk c ≥ max(w, 1); larger chunks mean fewer, bigger matrix products (faster for tiny w) */
    public WindowedAttention(int window, int chunk) {
        if (window < 0) {
            throw new IllegalArgumentException("windowed attention: window " + window + " must not be negative");
        }
        if (chunk < Math.max(window, 1)) {
            throw new IllegalArgumentException("windowed attention: chunk " + chunk
                    + " must be at least the window " + window + " and at least 1");
        }
        this.window = window;
        this.chunk = chunk;
    }

    public int window() {
        return window;
    }

    public int chunk() {
        return chunk;
    }

    /**
     * softmax(Q Kᵀ/√E + band mask) V for self-attention shapes q, k [..., L, E], v [..., L, Ev] → [..., L, Ev].
     */
    public Tensor attend(Tensor q, Tensor k, Tensor v) {
        Shapes.requireMinRank("q", q, 2);
        if (k.rank() != q.rank() || v.rank() != q.rank() || k.size(-2) != q.size(-2) || v.size(-2) != q.size(-2)) {
            throw new ShapeException("windowed attention: q is " + Shapes.show(q.data()) + ", k is "
                    + Shapes.show(k.data()) + ", v is " + Shapes.show(v.data())
                    + ": self-attention needs the same rank and length L (dimension -2) for all three");
        }
        int r = q.rank();
        long length = q.size(-2);
        long chunks = (length + chunk - 1) / chunk;
        long padded = chunks * chunk;
        Tensor qChunks = chunked(pad(q, 0, padded - length), chunks);        // [..., n, c, E]
        Tensor kWindows = windows(pad(k, chunk, padded - length + chunk), chunks); // [..., n, 3c, E]
        Tensor vWindows = windows(pad(v, chunk, padded - length + chunk), chunks); // [..., n, 3c, Ev]
        Tensor out = ScaledDotProductAttention.attend(qChunks, kWindows, vWindows, mask(length, q.dataType()))
                .output();                                                     // [..., n, c, Ev]
        long[] flat = q.shape().clone();
        flat[r - 1] = v.size(-1);
        flat[r - 2] = padded;
        return out.reshape(flat).slice(r - 2, 0, length);                      // [..., L, Ev]
    }

    /** Zeros before and after the positions (axis −2). */
    private static Tensor pad(Tensor x, long before, long after) {
        int axis = x.rank() - 2;
        long[] s = x.shape().clone();
        Tensor out = x;
        if (before > 0) {
            s[axis] = before;
            out = Reshaping.concat(axis, Tensor.constant(Nd4j.zeros(x.dataType(), s)), out);
        }
        if (after > 0) {
            s[axis] = after;
            out = Reshaping.concat(axis, out, Tensor.constant(Nd4j.zeros(x.dataType(), s)));
        }
        return out;
    }

    /** [..., n·c, E] → [..., n, c, E]. */
    private Tensor chunked(Tensor x, long chunks) {
        int r = x.rank();
        long[] s = new long[r + 1];
        System.arraycopy(x.shape(), 0, s, 0, r - 2);
        s[r - 2] = chunks;
        s[r - 1] = chunk;
        s[r] = x.size(-1);
        return x.reshape(s);
    }

    /** Keys padded to [..., (n+2)·c, E] → for each chunk t its chunks t−1, t, t+1: [..., n, 3c, E]. */
    private Tensor windows(Tensor x, long chunks) {
        int axis = x.rank() - 2;
        Tensor before = chunked(x.slice(axis, 0, chunks * chunk), chunks);
        Tensor own = chunked(x.slice(axis, chunk, (chunks + 1) * chunk), chunks);
        Tensor after = chunked(x.slice(axis, 2L * chunk, (chunks + 2) * chunk), chunks);
        return Reshaping.concat(axis + 1, before, own, after);
    }

    /**
     * [n, c, 3c]: query t·c + a may see key (t−1)·c + b when |query − key| ≤ w and the key is a real position.
     * Padded queries past the end see every real key of their window, so no row is empty (their output is dropped).
     */
    private Tensor mask(long length, DataType type) {
        if (length == cachedLength && cachedMask != null && cachedMask.dataType() == type) {
            return cachedMask;
        }
        long chunks = (length + chunk - 1) / chunk;
        int span = 3 * chunk;
        double[] m = new double[Math.toIntExact(chunks * chunk * span)];
        int at = 0;
        for (long t = 0; t < chunks; t++) {
            for (int a = 0; a < chunk; a++) {
                long query = t * chunk + a;
                for (int b = 0; b < span; b++) {
                    long key = (t - 1) * chunk + b;
                    boolean real = key >= 0 && key < length;
                    boolean allowed = real && (query >= length || Math.abs(query - key) <= window);
                    m[at++] = allowed ? 0 : Double.NEGATIVE_INFINITY;
                }
            }
        }
        cachedMask = Tensor.constant(Nd4j.createFromArray(m).reshape(chunks, chunk, span).castTo(type));
        cachedLength = length;
        return cachedMask;
    }
}
