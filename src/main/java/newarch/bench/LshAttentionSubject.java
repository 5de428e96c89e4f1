package newarch.bench;

import java.util.ArrayList;
import java.util.List;
import newarch.models.reformer.LshSelfAttention;
import newarch.models.reformer.ReformerConfig;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Reformer's LSH attention ({@link LshSelfAttention}): one head of width hidden, one hashing round, chunks of
 * {@link #CHUNK} attending to themselves and the chunk before, about L/CHUNK buckets (Hugging Face's choice), so
 * each query scores 2·CHUNK keys whatever L is: time and memory should grow like L (plus L log L for the sort).
 */
final class LshAttentionSubject implements ScalingSubject {
    static final int CHUNK = 64;

    @Override
    public String name() {
        return "lsh";
    }

    @Override
    public String description() {
        return "LSH attention (Reformer, 1 head, 1 hash, chunk " + CHUNK + ")";
    }

    @Override
    public double expectedExponent() {
        return 1;
    }

    /** Scores [L, 2·CHUNK] kept and their gradient, plus some twenty [L, hidden] arrays (sorting, gathering). */
    @Override
    public long estimatedBytes(long length, long hidden) {
        return 4L * (3 * length * 2 * CHUNK + 20 * length * hidden);
    }

    /** Buckets: Hugging Face's 2·L/chunk (about half a chunk per bucket), the power of two at or below, at least 2. */
    static int buckets(int length) {
        int target = Math.max(2, 2 * length / CHUNK);
        return Integer.highestOneBit(target);
    }

    @Override
    public Step prepare(int length, int hidden, long seed) {
        Rng rng = new Rng(seed);
        ReformerConfig config = ReformerConfig.tiny(16, hidden, 1, hidden, List.of("lsh"), CHUNK, 1, buckets(length));
        LshSelfAttention attention = new LshSelfAttention(config, rng);
        Tensor x = Tensor.parameter(rng.normal(DataType.FLOAT, 0, 1, 1, length, hidden));
        List<Tensor> leaves = new ArrayList<>(attention.parameters());
        leaves.add(x);
        return new Step() {
            @Override
            public Tensor forward() {
                return attention.forward(x, null, (org.nd4j.linalg.api.ndarray.INDArray) null);
            }

            @Override
            public List<Tensor> leaves() {
                return leaves;
            }
        };
    }
}
