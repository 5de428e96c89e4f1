package newarch.models.reformer;

import newarch.tensor.Indexing;
import newarch.tensor.MatMul;
import newarch.tensor.Reshaping;
import newarch.tensor.ShapeException;
import newarch.tensor.Shapes;
import newarch.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.shape.Gather;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The machinery LSH and local attention share: cutting a sequence into chunks, letting each chunk also see its
 * neighbours, masking by the original positions of queries and keys, and attending with the log-sum-exp of each
 * query's scores kept (LSH needs it to weigh its hash rounds).
 */
final class ChunkedAttention {
    /** Hugging Face's fill for forbidden scores (float32). */
    static final double MASK_VALUE = -1e9;
    /** The fill for a query's score with itself: smaller than any real score, larger than a forbidden one. */
    static final double SELF_MASK_VALUE = -1e5;

    private ChunkedAttention() {
    }

    /** The output [.., C, d] and each query's log-sum-exp of scores [.., C, 1]. */
    record Attended(Tensor out, Tensor logits) {
    }

    /** [B, H, N, ...] → [B, H, N/C, C, ...]. */
    static Tensor chunk(Tensor t, long chunkLength, String what) {
        long n = t.size(2);
        requireMultiple(n, chunkLength, what);
        long[] s = t.shape();
        long[] out = new long[s.length + 1];
        out[0] = s[0];
        out[1] = s[1];
        out[2] = n / chunkLength;
        out[3] = chunkLength;
        System.arraycopy(s, 3, out, 4, s.length - 3);
        return t.reshape(out);
    }

    static INDArray chunk(INDArray a, long chunkLength) {
        return a.reshape('c', new long[] {a.size(0), a.size(1), a.size(2) / chunkLength, chunkLength});
    }

    static void requireMultiple(long n, long chunkLength, String what) {
        if (n % chunkLength != 0) {
            throw new ShapeException(what + ": length " + n + " is not a multiple of the chunk length " + chunkLength
                    + " (pad the input, as ReformerModel does)");
        }
    }

    /**
     * Each chunk followed by copies of its neighbours: [B, H, n, C, ...] → [B, H, n, C·(before + 1 + after), ...],
     * chunk j seeing chunks j − before … j + after, wrapping around the ends (the masks decide what is allowed).
     */
    static Tensor lookAdjacent(Tensor t, int before, int after) {
        if (before == 0 && after == 0) {
            return t;
        }
        Tensor[] parts = new Tensor[before + 1 + after];
        for (int i = -before; i <= after; i++) {
            parts[i + before] = roll(t, i);
        }
        return Reshaping.concat(3, parts);
    }

    /** Chunk j becomes chunk (j + shift) mod n. */
    private static Tensor roll(Tensor t, int shift) {
        long n = t.size(2);
        long s = Math.floorMod(shift, n);
        if (s == 0) {
            return t;
        }
        return Reshaping.concat(2, t.slice(2, s, n), t.slice(2, 0, s));
    }

    /** The same for integer position arrays [B, H, n, C] (constants). */
    static INDArray lookAdjacent(INDArray a, int before, int after) {
        if (before == 0 && after == 0) {
            return a;
        }
        INDArray[] parts = new INDArray[before + 1 + after];
        long n = a.size(2);
        for (int i = -before; i <= after; i++) {
            long s = Math.floorMod(i, n);
            parts[i + before] = s == 0 ? a : Nd4j.concat(2, a.get(range(a.rank(), 2, s, n)).dup('c'),
                    a.get(range(a.rank(), 2, 0, s)).dup('c'));
        }
        return Nd4j.concat(3, parts);
    }

    private static INDArrayIndex[] range(int rank, int axis, long from, long to) {
        INDArrayIndex[] idx = new INDArrayIndex[rank];
        for (int i = 0; i < rank; i++) {
            idx[i] = i == axis ? NDArrayIndex.interval(from, to) : NDArrayIndex.all();
        }
        return idx;
    }

    /**
     * Rows picked per (batch, head): {@code t} [B, H, N, d] and {@code index} [B, H, M] give [B, H, M, d] with
     * out[b, h, m] = t[b, h, index[b, h, m]]. The gradient scatter-adds back, so picking a row twice is fine.
     */
    static Tensor gather(Tensor t, INDArray index) {
        long b = t.size(0);
        long h = t.size(1);
        long n = t.size(2);
        long d = t.size(3);
        INDArray base = Nd4j.arange(0, b * h).castTo(DataType.LONG).muli(n).reshape('c', new long[] {b, h, 1})
                .broadcast(b, h, index.size(2));
        return Indexing.embeddingLookup(t.reshape(b * h * n, d), index.castTo(DataType.LONG).add(base));
    }

    /** A Hugging Face attention_mask [B, L] (1 = attend) read at key positions [B, ...]: 0/1 LONG of that shape. */
    static INDArray maskAt(INDArray attentionMask, INDArray positions) {
        long b = attentionMask.size(0);
        long len = attentionMask.size(1);
        long per = positions.length() / b;
        INDArray base = Nd4j.arange(0, b).castTo(DataType.LONG).muli(len).reshape('c', new long[] {b, 1}).broadcast(b, per);
        INDArray flat = positions.castTo(DataType.LONG).reshape('c', new long[] {b, per}).add(base).reshape('c', new long[] {b * per});
        INDArray table = attentionMask.castTo(DataType.LONG).reshape('c', new long[] {b * len});
        return Nd4j.exec(new Gather(table, flat, 0))[0].neq(0).castTo(DataType.LONG).reshape('c', positions.shape());
    }

    /**
     * Attention of queries [.., C, d] over keys and values [.., K, d], whose original sequence positions are
     * {@code queryPositions} [.., C] and {@code keyPositions} [.., K]. A score is replaced by {@link #MASK_VALUE} where
     * the key is padding ({@code keyAllowed} [.., K] is 0) or, with {@code causal}, later than the query; with
     * {@code selfMask} a query's score with its own position becomes {@link #SELF_MASK_VALUE}, so it attends to
     * itself only when nothing else is allowed.
     */
    static Attended attend(Tensor queries, Tensor keys, Tensor values, INDArray queryPositions,
                           INDArray keyPositions, INDArray keyAllowed, boolean causal, boolean selfMask) {
        Tensor dots = MatMul.matmul(queries, keys, false, true);                  // [.., C, K]
        long[] s = dots.shape();
        int r = s.length;
        DataType type = dots.dataType();
        INDArray q = queryPositions.castTo(DataType.LONG).reshape('c', withLast(queryPositions.shape(), 1))
                .broadcast(s);                                                      // [.., C, K]
        INDArray k = keyPositions.castTo(DataType.LONG).reshape('c', withSecondLast(keyPositions.shape()))
                .broadcast(s);                                                      // [.., C, K]
        INDArray allowed = Nd4j.ones(type, s);
        if (keyAllowed != null) {
            allowed.muli(keyAllowed.castTo(type).reshape('c', withSecondLast(keyAllowed.shape())).broadcast(s));
        }
        if (causal) {
            allowed.muli(Transforms.greaterThanOrEqual(q, k).castTo(type));
        }
        INDArray self = selfMask ? q.eq(k).castTo(type) : Nd4j.zeros(type, s);
        INDArray other = self.rsub(1);
        INDArray keep = allowed.mul(other);
        // where(keep, dots, fill): multiplying by 0/1 and adding the fill is exact, and its gradient is g·keep
        INDArray fill = self.mul(SELF_MASK_VALUE).addi(allowed.rsub(1).muli(other).muli(MASK_VALUE));
        Tensor masked = dots.mul(Tensor.constant(keep)).add(Tensor.constant(fill));
        Tensor logits = logSumExp(masked, r - 1);                                   // [.., C, 1]
        Tensor probs = masked.sub(logits).exp();                                    // [.., C, K]
        return new Attended(MatMul.matmul(probs, values), logits);
    }

    /** log Σ exp along one axis, kept as a size-1 axis; the shift by the maximum is a constant and cancels. */
    static Tensor logSumExp(Tensor x, int axis) {
        Tensor max = Tensor.constant(x.data().max(true, axis));
        return x.sub(max).exp().sumKeepDims(axis).log().add(max);
    }

    /** [B, H, L, d] → [B, L, H·d]: the heads side by side again. */
    static Tensor mergeHeads(Tensor t) {
        long b = t.size(0);
        long h = t.size(1);
        long len = t.size(2);
        long d = t.size(3);
        return t.permute(0, 2, 1, 3).reshape(b, len, h * d);
    }

    /** [B, L, H·d] → [B, H, L, d]. */
    static Tensor splitHeads(Tensor t, long heads, long headSize) {
        return t.reshape(t.size(0), t.size(1), heads, headSize).permute(0, 2, 1, 3);
    }

    /** The positions 0..L−1 for every batch and head: LONG [B, H, L]. */
    static INDArray positions(long b, long h, long len) {
        return Nd4j.arange(0, len).castTo(DataType.LONG).reshape('c', new long[] {1, 1, len}).broadcast(b, h, len).dup('c');
    }

    /** Checks hidden_states [B, L, hidden] and the optional attention_mask [B, L] of a Reformer attention layer. */
    static void requireInputs(String layer, Tensor hidden, INDArray attentionMask, int hiddenSize) {
        if (hidden.rank() != 3 || hidden.size(2) != hiddenSize) {
            throw new ShapeException(layer + ": hidden_states are " + Shapes.show(hidden.data())
                    + " but must be [batch, len, " + hiddenSize + "]");
        }
        requireMask(attentionMask, hidden);
    }

    static void requireMask(INDArray attentionMask, Tensor hidden) {
        if (attentionMask != null && (attentionMask.rank() != 2 || attentionMask.size(0) != hidden.size(0)
                || attentionMask.size(1) != hidden.size(1))) {
            throw new ShapeException("attention_mask is " + Shapes.show(attentionMask) + " but hidden_states are "
                    + Shapes.show(hidden.data()) + ": it must be [batch, len]");
        }
    }

    private static long[] withLast(long[] s, long last) {
        long[] out = java.util.Arrays.copyOf(s, s.length + 1);
        out[s.length] = last;
        return out;
    }

    private static long[] withSecondLast(long[] s) {
        long[] out = new long[s.length + 1];
        System.arraycopy(s, 0, out, 0, s.length - 1);
        out[s.length - 1] = 1;
        out[s.length] = s[s.length - 1];
        return out;
    }
}
