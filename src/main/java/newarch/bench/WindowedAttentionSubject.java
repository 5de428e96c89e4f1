package newarch.bench;

import java.util.List;
import newarch.attention.WindowedAttention;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Truncated attention: {@link WindowedAttention} with a fixed window of {@value #WINDOW} positions (chunks of 64), one
 * head, q, k, v [1, L, hidden] as leaves. Its cost grows linearly with L.
 */
final class WindowedAttentionSubject implements ScalingSubject {
    static final int WINDOW = 64;

    @Override
    public String name() {
        return "window";
    }

    @Override
    public String description() {
        return "windowed attention (|i - j| <= " + WINDOW + ", chunks of " + WINDOW + ", 1 head)";
    }

    @Override
    public double expectedExponent() {
        return 1;
    }

    /** Each chunk of c queries scores 3c keys: [L, 3c] probabilities plus their gradient, and the 3c-key windows. */
    @Override
    public long estimatedBytes(long length, long hidden) {
        long band = 3L * WINDOW;
        return 4L * (2 * length * band + 2 * 3 * length * hidden + 12 * length * hidden);
    }

    @Override
    public Step prepare(int length, int hidden, long seed) {
        Rng rng = new Rng(seed);
        Tensor q = Tensor.parameter(rng.normal(DataType.FLOAT, 0, 1, 1, length, hidden));
        Tensor k = Tensor.parameter(rng.normal(DataType.FLOAT, 0, 1, 1, length, hidden));
        Tensor v = Tensor.parameter(rng.normal(DataType.FLOAT, 0, 1, 1, length, hidden));
        WindowedAttention attention = new WindowedAttention(WINDOW);
        return new Step() {
            @Override
            public Tensor forward() {
                return attention.attend(q, k, v);
            }

            @Override
            public List<Tensor> leaves() {
                return List.of(q, k, v);
            }
        };
    }
}
