package newarch.models.reformer;

import newarch.nn.Linear;
import newarch.nn.Module;
import newarch.tensor.Rng;
import newarch.tensor.ShapeException;
import newarch.tensor.Shapes;
import newarch.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * LSH self-attention (Reformer §2), as Hugging Face's {@code LSHSelfAttention} computes it, up to the merged heads
 * (the output projection belongs to {@link ReformerAttention}).
 *
 * <ol>
 *   <li>Shared query-key: one projection {@code query_key} gives the queries; the keys are the same vectors,
 *       length-normalised and scaled by 1/√d.</li>
 *   <li>Hashing ({@link LshHashing}): every vector gets a bucket per round.</li>
 *   <li>Sorting by (bucket, position) — rounds one after another — brings vectors of a bucket together; the sorted
 *       sequence is cut into chunks and each chunk attends to itself and {@code num_chunks_before/after}
 *       neighbours.</li>
 *   <li>Masks use the original positions: padding and (in a decoder) the future are forbidden; a query may attend to
 *       its own position only when nothing else is allowed, since q·q would otherwise dominate.</li>
 *   <li>Unsorting, then the rounds are combined, each weighted by its share of the attention mass:
 *       softmax over rounds of each round's log-sum-exp of scores.</li>
 * </ol>
 * A sequence no longer than one chunk attends in full (no hashing), as Hugging Face does.
 */
public class LshSelfAttention extends Module implements ReformerSelfAttention {
    private final ReformerConfig config;
    private final Linear queryKey;
    private final Linear value;
    private final Rng rng;

    public LshSelfAttention(ReformerConfig config, Rng rng) {
        this.config = config;
        this.rng = rng;
        this.queryKey = child("query_key", new Linear(config.hiddenSize(), config.allHeadSize(), false, rng));
        this.value = child("value", new Linear(config.hiddenSize(), config.allHeadSize(), false, rng));
    }

    /**
     * @param hidden        [B, L, hidden]
     * @param attentionMask [B, L], 1 = token, 0 = padding; or null
     * @param rotations     [heads, headSize, num_hashes, num_buckets/2]; null draws fresh ones
     * @return the merged heads [B, L, heads·headSize]
     */
    public Tensor forward(Tensor hidden, INDArray attentionMask, INDArray rotations) {
        return forward(hidden, attentionMask, new HashState(rotations));
    }

    @Override
    public Tensor forward(Tensor hidden, INDArray attentionMask, HashState state) {
        ChunkedAttention.requireInputs("LSHSelfAttention", hidden, attentionMask, config.hiddenSize());
        long b = hidden.size(0);
        long len = hidden.size(1);
        int heads = config.numAttentionHeads();
        int d = config.attentionHeadSize();
        Tensor qk = ChunkedAttention.splitHeads(queryKey.forward(hidden), heads, d); // [B, H, L, d]
        Tensor v = ChunkedAttention.splitHeads(value.forward(hidden), heads, d);     // [B, H, L, d]
        int chunk = config.lshAttnChunkLength();
        if (len <= chunk) {
            INDArray pos = ChunkedAttention.positions(b, heads, len);                // [B, H, L]
            INDArray allowed = attentionMask == null ? null : ChunkedAttention.maskAt(attentionMask, pos);
            Tensor out = ChunkedAttention.attend(qk, normalisedKeys(qk), v, pos, pos, allowed, config.isDecoder(),
                    true).out();
            return ChunkedAttention.mergeHeads(out);
        }
        ChunkedAttention.requireMultiple(len, chunk, "LSHSelfAttention");
        INDArray buckets = state.buckets();
        if (buckets == null) {
            LshHashing hashing = hashing(len);
            INDArray rotations = state.rotations() != null ? state.rotations()
                    : hashing.randomRotations(rng, heads, d, qk.dataType());
            buckets = hashing.offsetBuckets(qk.data(), rotations, attentionMask);  // [B, H, n·L]
            state.remember(buckets);
        }
        int hashes = config.numHashes();
        long n = hashes * len;
        INDArray sorted = sortByBucketThenPosition(buckets);                       // [B, H, n·L]
        INDArray undo = sortByBucketThenPosition(sorted);                          // its inverse permutation
        INDArray positions = sorted.fmod(len); // [B, H, n·L]
        Tensor qkSorted = ChunkedAttention.chunk(ChunkedAttention.gather(qk, positions), chunk, "LSH"); // [B,H,c,C,d]
        Tensor vSorted = ChunkedAttention.chunk(ChunkedAttention.gather(v, positions), chunk, "LSH");
        int before = config.lshNumChunksBefore();
        int after = config.lshNumChunksAfter();
        Tensor keys = ChunkedAttention.lookAdjacent(normalisedKeys(qkSorted), before, after); // [B,H,c,C·w,d]
        Tensor values = ChunkedAttention.lookAdjacent(vSorted, before, after);
        INDArray queryPos = ChunkedAttention.chunk(positions, chunk);                  // [B, H, c, C]
        INDArray keyPos = ChunkedAttention.lookAdjacent(queryPos, before, after);       // [B, H, c, C·w]
        INDArray allowed = attentionMask == null ? null : ChunkedAttention.maskAt(attentionMask, keyPos);
        ChunkedAttention.Attended a = ChunkedAttention.attend(qkSorted, keys, values, queryPos, keyPos, allowed,
                config.isDecoder(), true);
        Tensor out = ChunkedAttention.gather(a.out().reshape(b, heads, n, d), undo);          // [B, H, n·L, d]
        Tensor logits = ChunkedAttention.gather(a.logits().reshape(b, heads, n, 1), undo);    // [B, H, n·L, 1]
        if (hashes > 1) {
            Tensor rounds = out.reshape(b, heads, hashes, len, d);
            Tensor lse = logits.reshape(b, heads, hashes, len, 1);
            Tensor weights = lse.sub(ChunkedAttention.logSumExp(lse, 2)).exp();             // [B, H, n, L, 1]
            out = rounds.mul(weights).sum(2);                                                // [B, H, L, d]
        }
        return ChunkedAttention.mergeHeads(out);
    }

    /** The hashing this layer uses at sequence length {@code len}. */
    public LshHashing hashing(long len) {
        return new LshHashing(config.numHashes(), bucketsFor(config, len));
    }

    /**
     * {@code num_buckets}, or when it is unset Hugging Face's choice: the power of two nearest below
     * 2·len/chunk_length (it would factorise a large count into two, which we do not support).
     */
    static int bucketsFor(ReformerConfig config, long len) {
        if (config.numBuckets() != 0) {
            return config.numBuckets();
        }
        int chunk = config.lshAttnChunkLength();
        long target = 2 * (len / chunk);
        int pow = 63 - Long.numberOfLeadingZeros(Math.max(target, 1));
        int buckets = 1 << pow;
        int limit = 2 * Math.max((int) Math.sqrt((double) config.maxPositionEmbeddings() / chunk), chunk);
        if (buckets > limit) {
            throw new IllegalArgumentException("num_buckets is unset and Hugging Face would factorise " + buckets
                    + " buckets into two; factorised buckets are not supported: set num_buckets");
        }
        if (buckets < 2) {
            throw new IllegalArgumentException("num_buckets is unset and length " + len + " gives fewer than 2 buckets");
        }
        return buckets;
    }

    /**
     * The permutation that sorts each row of {@code keys} [B, H, N] (distinct entries are not needed) by value,
     * ties by index: since N·key + index is distinct, sorting it and taking the remainder mod N gives the indices.
     */
    public static INDArray sortByBucketThenPosition(INDArray keys) {
        long n = keys.size(2);
        INDArray composite = keys.castTo(DataType.DOUBLE).mul(n).addi(
                Nd4j.arange(0, n).castTo(DataType.DOUBLE).reshape('c', new long[] {1, 1, n}).broadcast(keys.shape()));
        INDArray sorted = Nd4j.sort(composite.dup('c'), 2, true);
        return sorted.fmodi(n).castTo(DataType.LONG);
    }

    /** Keys from the shared query-key vectors: x/√(mean(x²) + 1e-6), then /√d. */
    public static Tensor normalisedKeys(Tensor qk) {
        int last = qk.rank() - 1;
        Tensor rms = qk.mul(qk).meanKeepDims(last).add(1e-6).pow(-0.5);
        return qk.mul(rms).mul(1 / Math.sqrt(qk.size(last)));
    }

    public Linear queryKey() {
        return queryKey;
    }

    public Linear value() {
        return value;
    }
}
