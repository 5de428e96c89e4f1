package newarch.bench;

import java.util.List;
import newarch.attention.ScaledDotProductAttention;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;

/** Full (quadratic) attention: {@link ScaledDotProductAttention} on one head, q, k, v [1, L, hidden] as leaves. */
final class FullAttentionSubject implements ScalingSubject {
    @Override
    public String name() {
        return "full";
    }

    @Override
    public String description() {
        return "full attention (ScaledDotProductAttention, 1 head)";
    }

    @Override
    public double expectedExponent() {
        return 2;
    }

    /**
     * The [L, L] score matrix dominates: the forward keeps the probabilities (one L² float array, softmax works in
     * place) and the backward makes one more for the score gradients; the [L, hidden] arrays are small beside them.
     */
    @Override
    public long estimatedBytes(long length, long hidden) {
        return 4L * (2 * length * length + 12 * length * hidden);
    }

    @Override
    public Step prepare(int length, int hidden, long seed) {
        Rng rng = new Rng(seed);
        Tensor q = Tensor.parameter(rng.normal(DataType.FLOAT, 0, 1, 1, length, hidden));
        Tensor k = Tensor.parameter(rng.normal(DataType.FLOAT, 0, 1, 1, length, hidden));
        Tensor v = Tensor.parameter(rng.normal(DataType.FLOAT, 0, 1, 1, length, hidden));
        return new Step() {
            @Override
            public Tensor forward() {
                return ScaledDotProductAttention.attend(q, k, v, null).output();
            }

            @Override
            public List<Tensor> leaves() {
                return List.of(q, k, v);
            }
        };
    }
}
